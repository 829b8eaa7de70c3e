"""The canonical form of entries: their order, style and lines, read by check and fix alike."""
