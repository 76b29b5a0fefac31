"""Page previews drawn in worker processes, each within its own CPU, memory and time budget."""
