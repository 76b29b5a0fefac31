"""Demo accounts and cases for the development portal and the benchmarks."""
