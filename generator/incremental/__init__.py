"""serve's rebuilds: only what an edit affects, byte for byte what a build gives."""
