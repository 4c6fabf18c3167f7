"""Demo data: Trafford's wards and postcodes, a hub, its staff, residents and their requests.

Load it with `manage.py load_demo`. Every person in it is made up.
"""
