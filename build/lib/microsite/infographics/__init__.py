"""Results infographics: editors' data files in, channel-ready Pillow images out.

Core package (no MkDocs imports): ``loader`` reads and checks the data files,
``charts`` draws each chart kind, ``renditions`` lays a chart out for each channel,
``encode`` and ``cache`` write optimised PNG/WebP only when something changed,
``alt``/``table``/``csv_export`` give the same figures as text, ``catalogue`` lists
everything for partners, ``cards`` draws the per-page social cards.
"""
