"""The monthly report of SE Bab II D.4 for a Balai or the Ditjen: data gathered once, then JSON, XLSX or PDF."""
