"""Offline place resolution (the pipeline's `place` stage): a GeoNames gazetteer cached as SQLite, and a geocoder."""
from .gazetteer import ensure_gazetteer, gazetteer_path, name_key
from .geocoder import Geocoder

__all__ = ["Geocoder", "ensure_gazetteer", "gazetteer_path", "name_key"]
