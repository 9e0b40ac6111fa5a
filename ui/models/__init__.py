"""Table models over ids: rows come from SQL on demand, never the whole table."""
