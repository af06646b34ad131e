#!/usr/bin/env python3
"""Writes src/Outturn.Data/Cycle/bank-holidays.csv: the UK's bank holidays by region, 2015 to 2030.

The regular rules are those of the Banking and Financial Dealings Act 1971 and the royal proclamations that follow
it, as https://www.gov.uk/bank-holidays lists them: a holiday that falls on a weekend (or on another holiday) moves to
the next free weekday (one on a weekday keeps its day). The one-off changes since 2015 are listed below. Years after those gov.uk has published follow the
regular rules; an administrator adds any later proclamation in the web app (Administration, Deadlines).
"""
import csv, datetime as dt, pathlib

FIRST, LAST = 2015, 2030
D = dt.date

def easter(y):
    # Anonymous Gregorian algorithm (Meeus/Jones/Butcher).
    a, b, c = y % 19, y // 100, y % 100
    d, e = b // 4, b % 4
    f = (b + 8) // 25
    g = (b - f + 1) // 3
    h = (19 * a + b - d - g + 15) % 30
    i, k = c // 4, c % 4
    l = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 22 * l) // 451
    month = (h + l - 7 * m + 114) // 31
    day = (h + l - 7 * m + 114) % 31 + 1
    return D(y, month, day)

def first_monday(y, m):
    d = D(y, m, 1)
    return d + dt.timedelta((7 - d.weekday()) % 7)

def last_monday(y, m):
    d = D(y + (m == 12), m % 12 + 1, 1) - dt.timedelta(1)
    return d - dt.timedelta(d.weekday())

def substitute(taken, day):
    while day.weekday() >= 5 or day in taken:
        day += dt.timedelta(1)
    return day

def year(y, region):
    fixed = []  # (name, date) in order; each moves past weekends and earlier holidays
    fixed.append(("New Year's Day", D(y, 1, 1)))
    if region == "scotland":
        fixed.append(("2nd January", D(y, 1, 2)))
    if region == "northern-ireland":
        fixed.append(("St Patrick's Day", D(y, 3, 17)))
    e = easter(y)
    movable = [("Good Friday", e - dt.timedelta(2))]
    if region != "scotland":
        movable.append(("Easter Monday", e + dt.timedelta(1)))
    movable.append(("Early May bank holiday", D(2020, 5, 8) if y == 2020 else first_monday(y, 5)))
    movable.append(("Spring bank holiday", D(2022, 6, 2) if y == 2022 else last_monday(y, 5)))
    if y == 2022:
        movable.append(("Platinum Jubilee bank holiday", D(2022, 6, 3)))
        movable.append(("Bank Holiday for the State Funeral of Queen Elizabeth II", D(2022, 9, 19)))
    if y == 2023:
        movable.append(("Bank holiday for the coronation of King Charles III", D(2023, 5, 8)))
    if region == "northern-ireland":
        fixed.append(("Battle of the Boyne (Orangemen's Day)", D(y, 7, 12)))
    movable.append(("Summer bank holiday", first_monday(y, 8) if region == "scotland" else last_monday(y, 8)))
    if region == "scotland":
        fixed.append(("St Andrew's Day", D(y, 11, 30)))
    fixed.append(("Christmas Day", D(y, 12, 25)))
    fixed.append(("Boxing Day", D(y, 12, 26)))
    taken = {d for _, d in movable}
    days = list(movable)
    # Those on a weekday keep their day; those on a weekend then take the next free weekdays, in order.
    taken |= {d for _, d in fixed if d.weekday() < 5}
    for name, d in fixed:
        moved = d if d.weekday() < 5 else substitute(taken, d)
        taken.add(moved)
        days.append((name + (" (substitute day)" if moved != d else ""), moved))
    return sorted(days, key=lambda x: x[1])

out = pathlib.Path(__file__).resolve().parent.parent / "src/Outturn.Data/Cycle/bank-holidays.csv"
with out.open("w", newline="") as f:
    w = csv.writer(f, lineterminator="\n")
    w.writerow(["region", "date", "name"])
    for region in ["england-and-wales", "scotland", "northern-ireland"]:
        for y in range(FIRST, LAST + 1):
            for name, d in year(y, region):
                w.writerow([region, d.isoformat(), name])
print(out)
