"""Landing: read files from data/landing/, validate them, quarantine bad rows, load them into the `raw` schema."""
