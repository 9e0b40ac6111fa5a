"""Files shipped with PartnerDesk: translations, icons, style sheets.

A package (not a bare folder) so that the wheel carries it and code finds it with
``importlib.resources.files("resources")`` wherever PartnerDesk is installed.
"""
