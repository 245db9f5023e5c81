"""English date and time formats for an international readership.

Django's English defaults are American ("Dec. 2, 2020", "4 p.m.", "12/02/2020"): read across four
continents, the abbreviated month looks like a typo and the numeric date is ambiguous. Dates are
written day-month-year in full ("2 December 2020"), times on the 24-hour clock, as the network's
own English publications do. French and Spanish keep Django's formats ("2 décembre 2020",
"2 de diciembre de 2020").
"""

DATE_FORMAT = "j F Y"
DATETIME_FORMAT = "j F Y, H:i"
SHORT_DATE_FORMAT = "j M Y"
SHORT_DATETIME_FORMAT = "j M Y, H:i"
MONTH_DAY_FORMAT = "j F"
YEAR_MONTH_FORMAT = "F Y"
TIME_FORMAT = "H:i"
