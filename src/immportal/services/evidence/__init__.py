"""Evidence use cases: uploads, inspection, scanning, responses, the blob sweep."""
