"""The registry build: UCDP's actor list and ACLED's actor names into data/registry/generated/*.yaml.

    make registry        # = python -m factiongraph.linking.build --shared ../shared

ucdp.py and acled.py read their source into candidates (candidate.py), filters.py decides which names may be
registry names, merge.py joins candidates to the curated registry and to each other, __main__.py writes YAML.
Run at development time only: the generated files are committed and nothing reads ../shared at run time.
"""
