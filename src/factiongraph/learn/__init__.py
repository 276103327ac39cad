"""Models learned from human-coded data: the ACLED event typer (features.py, train.py; run time in typer.py)."""
