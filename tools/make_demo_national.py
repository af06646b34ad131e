#!/usr/bin/env python3
"""Writes the demo council's small national dataset: demo/national.csv (Outturn's national format) and
demo/groups.csv (its comparator group). Borsetshire and its neighbours are fictional (their codes are made up in the
GSS form); England's and the West Midlands' codes are real, their figures are not. Deterministic: run it again and the
files are the same. Usage: python3 tools/make_demo_national.py"""
import csv
import os
import random

random.seed(20180331)
ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "demo")
OWN = ("E10000099", "Borsetshire")
NEIGHBOURS = [
    ("E10000101", "Barsetshire"), ("E10000102", "Loamshire"), ("E10000103", "Glebeshire"),
    ("E10000104", "Midsomer"), ("E10000105", "Mallardshire"), ("E10000106", "Rutshire"),
    ("E10000107", "Westershire"), ("E10000108", "Holmshire"), ("E10000109", "Downshire"),
    ("E10000110", "Wessex"), ("E10000111", "Stoneshire"), ("E10000112", "Fenshire"),
    ("E10000113", "Brackenshire"), ("E10000114", "Ambridge Vale"), ("E10000115", "Felpersham"),
]
REGION = ("E12000005", "West Midlands")
ENGLAND = ("E92000001", "England")

# metric, title, unit, rate_per, polarity, the demo measure's figures by year, the typical denominator, spread
METRICS = [
    ("93014", "Percentage of physically active adults", "%", "", "higher",
     {"2015/16": 64.4, "2016/17": 63.0}, 1200, 4.0),
    ("30101", "Fraction of mortality attributable to particulate air pollution (deaths per 100,000)", "per 100,000",
     "100000", "lower", {"2015/16": 163, "2016/17": 159}, 540000, 14.0),
    ("20401", "Under 18s conception rate per 1,000 females aged 15 to 17", "per 1,000", "1000", "lower",
     {"2015/16": 19.3, "2016/17": 18.6}, 9800, 4.5),
    ("YJ-FTE", "First time entrants to the youth justice system per 100,000 aged 10 to 17", "per 100,000",
     "100000", "lower", {"2016/17": 317.9}, 52000, 60.0),
]

# Earlier years of the demo council's own figures only (count, by year), so that Fingertips' recent-trend test of its
# last five has something to test: air pollution falling significantly, conceptions no significant change. Written
# after the rest, so that the neighbours' figures (drawn at random above) stay as they were.
OWN_HISTORY = {
    "30101": {"2012/13": 1107, "2013/14": 1037, "2014/15": 950},
    "20401": {"2012/13": 185, "2013/14": 192, "2014/15": 180},
}


def history(metric):
    key, title, unit, rate_per, polarity, own, denominator, spread = metric
    code, name = OWN
    for period, count in OWN_HISTORY.get(key, {}).items():
        value = count / denominator * float(rate_per)
        yield [key, title, unit, rate_per, polarity, "Demo", code, name, "county", REGION[0], period,
               f"{value:.1f}", count, denominator, "", "", "", "", ""]


def figures(metric):
    key, title, unit, rate_per, polarity, own, denominator, spread = metric
    for period, own_value in own.items():
        areas = [(OWN, own_value, denominator)]
        for i, area in enumerate(NEIGHBOURS):
            size = denominator * random.uniform(0.6, 1.4)
            # A small neighbour, so that small-number suppression shows.
            if key == "20401" and i == 3:
                size = 160
            areas.append((area, max(0.5, random.gauss(own_value, spread)), size))
        areas.append((REGION, own_value + random.uniform(-spread, spread) / 3, denominator * 14))
        areas.append((ENGLAND, own_value + random.uniform(-spread, spread) / 4, denominator * 150))
        for (code, name), value, size in areas:
            scale = 100.0 if unit == "%" else float(rate_per)
            count = max(0, round(value / scale * size))
            size = round(size)
            value = count / size * scale if code != OWN[0] else value
            kind = "country" if code == ENGLAND[0] else "region" if code == REGION[0] else "county"
            parent = "" if kind != "county" else REGION[0]
            yield [key, title, unit, rate_per, polarity, "Demo", code, name, kind, parent, period,
                   f"{value:.1f}", count, size, "", "", "", "", ""]


def main():
    with open(os.path.join(ROOT, "national.csv"), "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["metric", "metric_title", "unit", "rate_per", "polarity", "source", "area_code", "area_name",
                    "area_type", "parent_code", "period", "value", "count", "denominator", "lower_ci_95",
                    "upper_ci_95", "lower_ci_99_8", "upper_ci_99_8", "value_note"])
        for metric in METRICS:
            for row in figures(metric):
                w.writerow(row)
        for metric in METRICS:
            for row in history(metric):
                w.writerow(row)
    with open(os.path.join(ROOT, "groups.csv"), "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["group", "area_code", "for_area", "as_of"])
        for code, _ in [OWN] + NEIGHBOURS:
            w.writerow(["CIPFA nearest neighbours", code, "", "2018-04-01"])


main()
