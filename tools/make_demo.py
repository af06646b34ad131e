#!/usr/bin/env python3
"""Writes demo/measures.csv and demo/values.csv: a fictional council's framework and four years of figures.

Borsetshire County Council is fictional. Measure titles and some figures are modelled on the published
reports in shared/reference-reports. Deterministic: the same files every run (fixed seed).
Run: python3 tools/make_demo.py
"""
import csv, math, os, random

random.seed(20171)
OUT = os.path.join(os.path.dirname(__file__), "..", "demo")
YEARS = [2014, 2015, 2016, 2017]  # financial years 2014/15 .. 2017/18

ASC = "Adult Social Care and Health Scrutiny"
CHI = "Children and Learning Scrutiny"
TOW = "Towns and Communities Scrutiny"
ENV = "Environment and Crime Scrutiny"
CAB = "Cabinet"

# (ref, title, priority, theme, committees, unit, polarity, frequency, aggregation, decimals, start, target, drift, noise, tags, extra)
M = [
 # Safe
 ("CS01", "Total notifiable offences", "Safe", "Community safety", [ENV, CAB], "count", "lower", "monthly", "snapshot", 0, 1450, 1400, -4, 60, "Council Scorecard", {}),
 ("CS02", "Anti-social behaviour incidents reported", "Safe", "Community safety", [ENV], "count", "lower", "monthly", "snapshot", 0, 820, 800, -3, 50, "", {}),
 ("CS03", "% of ASB reports relating to traveller incursions", "Safe", "Community safety", [ENV], "percentage", "none", "quarterly", "snapshot", 1, 1.2, None, 0, 0.4, "", {}),
 ("CS04", "Repeat victims of domestic abuse referred to MARAC (%)", "Safe", "Community safety", [ENV, ASC], "percentage", "lower", "quarterly", "snapshot", 1, 28, 25, -0.2, 2, "Statutory", {"numden": 120}),
 ("CS05", "% of \"I\" calls responded to within target", "Safe", "Community safety", [ENV], "percentage", "higher", "monthly", "average", 0, 78, 90, -0.3, 6, "", {}),
 ("YO01", "First time entrants to the youth justice system (rate per 100,000 aged 10-17)", "Safe", "Youth offending", [CHI, ENV], "rate", "lower", "quarterly", "snapshot", 1, 410, 380, -5, 25, "Statutory", {"rate_per": 100000}),
 ("YO02", "Young people re-offending within 12 months (%)", "Safe", "Youth offending", [CHI], "percentage", "lower", "quarterly", "snapshot", 1, 38, 35, -0.3, 3, "Statutory", {}),
 ("YO03", "Young people in custody", "Safe", "Youth offending", [CHI], "count", "lower", "quarterly", "snapshot", 0, 9, 6, -0.1, 2, "", {}),
 ("EN01", "Average no. of days taken to remove fly-tips", "Safe", "Enforcement", [ENV], "days", "lower", "monthly", "average", 1, 1.5, 1, -0.02, 0.2, "Council Scorecard", {}),
 ("EN02", "Fixed penalty notices issued for littering", "Safe", "Enforcement", [ENV], "count", "higher", "monthly", "snapshot", 0, 120, 150, 1.5, 25, "", {}),
 ("EN03", "Licensing applications determined within 28 days (%)", "Safe", "Enforcement", [TOW], "percentage", "higher", "quarterly", "snapshot", 1, 91, 95, 0.2, 2.5, "", {}),
 ("EN04", "Food premises rated 3 or better (%)", "Safe", "Enforcement", [ENV], "percentage", "higher", "quarterly", "snapshot", 1, 93, 95, 0.15, 1, "", {}),
 ("CP01", "% of children becoming the subject of a Child Protection Plan for a second or subsequent time within 2 years", "Safe", "Safeguarding children", [CHI], "percentage", "lower", "quarterly", "cumulative", 1, 14.5, 10, 0.1, 2.5, "Council Scorecard;Statutory", {"numden": 63}),
 ("CP02", "Child protection plans lasting 2 years or more (%)", "Safe", "Safeguarding children", [CHI], "percentage", "lower", "quarterly", "snapshot", 1, 4, 5, -0.05, 1, "", {}),
 ("CP03", "Looked after children placements lasting at least 2 years (%)", "Safe", "Safeguarding children", [CHI], "percentage", "higher", "quarterly", "snapshot", 1, 59.4, 70, -0.2, 3, "", {}),
 ("CP04", "Total no. of in-house foster carers", "Safe", "Safeguarding children", [CHI], "count", "higher", "quarterly", "snapshot", 0, 81, 90, -0.2, 2, "", {}),
 ("CP05", "No. of new in-house foster carers", "Safe", "Safeguarding children", [CHI], "count", "higher", "quarterly", "cumulative", 0, 5, 20, 0, 2, "", {"cumulative_annual": True}),
 # Healthy
 ("AS01", "Permanent admissions to residential and nursing care homes per 100,000 population (aged 65+)", "Healthy", "Independence", [ASC, CAB], "rate", "lower", "quarterly", "cumulative", 1, 175, 660, 0, 12, "ASCOF;Council Scorecard", {"rate_per": 100000, "cumulative_annual": True}),
 ("AS02", "% of service users receiving direct payments", "Healthy", "Independence", [ASC], "percentage", "higher", "quarterly", "snapshot", 1, 33.8, 36, -0.05, 0.8, "ASCOF", {"numden": 2050}),
 ("AS03", "Older people still at home 91 days after discharge from hospital into reablement (%)", "Healthy", "Independence", [ASC], "percentage", "higher", "quarterly", "snapshot", 1, 84, 87, 0.2, 2, "ASCOF", {}),
 ("AS04", "Delayed transfers of care from hospital per 100,000 population", "Healthy", "Independence", [ASC], "rate", "lower", "monthly", "snapshot", 1, 11.5, 10.8, -0.05, 1.2, "ASCOF", {"rate_per": 100000}),
 ("AS05", "Adults with learning disabilities in paid employment (%)", "Healthy", "Independence", [ASC], "percentage", "higher", "quarterly", "snapshot", 1, 6.5, 8, 0.05, 0.6, "ASCOF", {}),
 ("AS06", "Safeguarding enquiries where the risk was reduced or removed (%)", "Healthy", "Safeguarding adults", [ASC], "percentage", "higher", "quarterly", "snapshot", 1, 88, 90, 0.2, 2, "", {}),
 ("AS07", "Safeguarding concerns received", "Healthy", "Safeguarding adults", [ASC], "count", "none", "monthly", "snapshot", 0, 140, None, 1, 15, "", {}),
 ("AS08", "Deprivation of Liberty Safeguards applications completed within 21 days (%)", "Healthy", "Safeguarding adults", [ASC], "percentage", "higher", "quarterly", "snapshot", 1, 40, 60, 1, 5, "Statutory", {}),
 ("PH01", "Adults who are physically active (%)", "Healthy", "Public health", [ASC], "percentage", "higher", "annual", "snapshot", 1, 61.5, 64, 0.5, 0.8, "", {}),
 ("PH02", "Deaths from causes linked to air quality per 100,000 population", "Healthy", "Public health", [ASC, ENV], "rate", "lower", "annual", "snapshot", 0, 168, 170, -4, 3, "", {"rate_per": 100000}),
 ("PH03", "Smoking quitters at 4 weeks", "Healthy", "Public health", [ASC], "count", "higher", "quarterly", "cumulative", 0, 250, 1000, 0, 30, "", {"cumulative_annual": True}),
 ("PH04", "Eligible population offered an NHS Health Check (%)", "Healthy", "Public health", [ASC], "percentage", "higher", "quarterly", "cumulative", 1, 4.5, 20, 0, 0.8, "", {"cumulative_annual": True}),
 ("PH05", "Under-18 conception rate per 1,000 females aged 15-17", "Healthy", "Public health", [ASC, CHI], "rate", "lower", "annual", "snapshot", 1, 21.4, 19, -1, 0.6, "", {"rate_per": 1000}),
 # Strong
 ("HO01", "Households in temporary accommodation", "Strong", "Housing", [TOW, CAB], "count", "lower", "monthly", "snapshot", 0, 230, 220, 0.3, 8, "Council Scorecard", {"breakdown": True}),
 ("HO02", "Homelessness preventions", "Strong", "Housing", [TOW], "count", "higher", "quarterly", "snapshot", 0, 160, 175, 1, 12, "", {}),
 ("HO03", "Average days to re-let council homes (general needs)", "Strong", "Housing", [TOW], "days", "lower", "monthly", "average", 0, 34, 28, -0.1, 3, "", {}),
 ("HO04", "% of housing repairs completed within target", "Strong", "Housing", [TOW], "percentage", "higher", "quarterly", "snapshot", 1, 89.4, 96, 0.5, 1.5, "", {}),
 ("HO05", "Rent collected as a % of rent due", "Strong", "Housing", [TOW, CAB], "percentage", "higher", "monthly", "cumulative", 2, 97.1, 98.5, 0.02, 0.4, "Council Scorecard", {}),
 ("HO06", "Households on the housing register", "Strong", "Housing", [TOW], "count", "none", "quarterly", "snapshot", 0, 5800, None, -20, 60, "", {}),
 ("CU01", "% of Stage 1 complaints closed within 15 days", "Strong", "Customer services", [TOW, CAB], "percentage", "higher", "quarterly", "snapshot", 0, 88, 95, -0.3, 3, "Council Scorecard", {}),
 ("CU02", "No. of Stage 1 complaints received", "Strong", "Customer services", [TOW], "count", "lower", "quarterly", "snapshot", 0, 230, 210, -1, 12, "", {}),
 ("CU03", "% of Stage 2 complaints closed within 20 days", "Strong", "Customer services", [TOW], "percentage", "higher", "quarterly", "snapshot", 0, 92, 95, 0.1, 2, "", {}),
 ("CU04", "Calls answered within 60 seconds (%)", "Strong", "Customer services", [TOW], "percentage", "higher", "monthly", "average", 1, 71, 80, 0.3, 4, "", {}),
 ("CU05", "Freedom of Information requests answered within 20 working days (%)", "Strong", "Customer services", [TOW, CAB], "percentage", "higher", "monthly", "snapshot", 1, 86, 90, 0.1, 3, "Statutory", {}),
 ("FI01", "Council tax collected as a % of the amount due", "Strong", "Finance and workforce", [CAB], "percentage", "higher", "monthly", "cumulative", 2, 96.9, 97.5, 0.02, 0.2, "Council Scorecard", {}),
 ("FI02", "Business rates collected as a % of the amount due", "Strong", "Finance and workforce", [CAB], "percentage", "higher", "monthly", "cumulative", 2, 98.1, 98.5, 0.01, 0.3, "", {}),
 ("FI03", "Undisputed invoices paid within 30 days (%)", "Strong", "Finance and workforce", [CAB], "percentage", "higher", "quarterly", "snapshot", 1, 92, 95, 0.2, 1.5, "", {}),
 ("FI04", "Average working days lost to sickness per employee (rolling 12 months)", "Strong", "Finance and workforce", [CAB], "days", "lower", "quarterly", "snapshot", 1, 9.8, 8.5, -0.05, 0.3, "Council Scorecard", {}),
 ("FI05", "Savings delivered against the plan (£)", "Strong", "Finance and workforce", [CAB], "money", "higher", "quarterly", "cumulative", 0, 1200000, 5000000, 0, 150000, "", {"cumulative_annual": True}),
 # Thriving
 ("ED01", "% of Early Years providers judged Good or Outstanding by Ofsted", "Thriving", "Education", [CHI], "percentage", "higher", "quarterly", "snapshot", 0, 89, 80, 0.3, 1.5, "", {}),
 ("ED02", "% of schools judged to be Good or Outstanding", "Thriving", "Education", [CHI, CAB], "percentage", "higher", "quarterly", "snapshot", 0, 76, 80, 0.5, 1.5, "Council Scorecard", {}),
 ("ED03", "% of 16 to 17 year olds not in education, employment or training (NEET) or not known", "Thriving", "Education", [CHI], "percentage", "lower", "quarterly", "snapshot", 1, 4.1, 4.3, -0.05, 0.4, "", {}),
 ("ED04", "Persistent absence in secondary schools (%)", "Thriving", "Education", [CHI], "percentage", "lower", "termly", "snapshot", 1, 13.5, 12, -0.1, 0.8, "", {}),
 ("ED05", "No. of early years education offers extended to disadvantaged 2 year olds", "Thriving", "Education", [CHI], "count", "higher", "termly", "snapshot", 0, 790, 841, 4, 25, "", {}),
 ("ED06", "% of care leavers aged 19-21 in education, employment or training", "Thriving", "Education", [CHI], "percentage", "higher", "quarterly", "snapshot", 1, 62.3, 80, 0.2, 3, "Statutory", {}),
 ("EC01", "No. of apprentices (aged 16-18) recruited in the county", "Thriving", "Economy and skills", [TOW], "count", "higher", "annual", "snapshot", 0, 740, 770, 10, 20, "", {}),
 ("EC02", "Business start-ups supported", "Thriving", "Economy and skills", [TOW, CAB], "count", "higher", "quarterly", "snapshot", 0, 45, 50, 0.5, 6, "", {}),
 ("EC03", "Working-age residents claiming out-of-work benefits (%)", "Thriving", "Economy and skills", [TOW], "percentage", "lower", "monthly", "snapshot", 1, 2.4, 2.2, -0.01, 0.1, "", {}),
 ("EC04", "Town centre vacancy rate (%)", "Thriving", "Economy and skills", [TOW], "percentage", "lower", "half_yearly", "snapshot", 1, 11.2, 10, -0.2, 0.6, "", {}),
 ("EV01", "Household waste sent for reuse, recycling or composting (%)", "Thriving", "Environment", [ENV, CAB], "percentage", "higher", "quarterly", "snapshot", 1, 34.2, 38, 0.3, 1.2, "Council Scorecard", {}),
 ("EV02", "Residual household waste per household (kg)", "Thriving", "Environment", [ENV], "count", "lower", "quarterly", "snapshot", 1, 118.4, 110.25, -0.4, 3, "", {}),
 ("EV03", "Streets with unacceptable levels of litter (%)", "Thriving", "Environment", [ENV], "percentage", "lower", "half_yearly", "snapshot", 1, 6.5, 5, -0.1, 0.8, "", {}),
 ("EV04", "Missed bin collections per 100,000 collections", "Thriving", "Environment", [ENV], "rate", "lower", "monthly", "average", 0, 62, 50, -0.3, 7, "", {"rate_per": 100000}),
 ("EV05", "Library visits", "Thriving", "Culture and leisure", [TOW], "count", "higher", "monthly", "snapshot", 0, 98000, 100000, -200, 6000, "", {}),
 ("EV06", "Leisure centre attendances", "Thriving", "Culture and leisure", [TOW], "count", "higher", "monthly", "snapshot", 0, 120000, 125000, 300, 7000, "", {}),
]

ACTIONS = [
 ("Safe", "Community safety", [ENV], ["Launch the community safety partnership plan", "Install CCTV in three town centres", "Roll out the Safer Streets programme", "Review the public spaces protection orders"]),
 ("Safe", "Safeguarding children", [CHI], ["Implement the Face-to-Face Pathways Programme", "Recruit six Pathway Co-ordinators", "Re-design the fostering offer", "Review child protection processes"]),
 ("Healthy", "Independence", [ASC], ["Appoint a Personal Assistant Co-ordinator", "Open the new extra care scheme", "Launch the reablement service redesign", "Integrate hospital discharge teams with the NHS"]),
 ("Healthy", "Public health", [ASC], ["Commission the new stop smoking service", "Deliver the healthy weight strategy", "Publish the joint strategic needs assessment"]),
 ("Strong", "Housing", [TOW], ["Select a delivery partner for housing regeneration", "Open the new homelessness hub", "Adopt the tenancy strategy", "Complete the stock condition survey"]),
 ("Strong", "Customer services", [TOW], ["Launch the online customer account", "Move council tax forms online", "Replace the telephony system"]),
 ("Strong", "Finance and workforce", [CAB], ["Agree the medium term financial strategy", "Deliver the workforce wellbeing plan", "Implement the new finance system"]),
 ("Thriving", "Economy and skills", [TOW, CAB], ["Open the business enterprise centre", "Launch the apprenticeship levy programme", "Adopt the local plan"]),
 ("Thriving", "Environment", [ENV], ["Introduce food waste collections", "Launch the Food Waste Challenge", "Deliver in-cab technology for street cleansing"]),
]

# Features a council's papers use (issue "Reports as councils print them"): a unit label printed after each figure, a
# cumulative measure rated against its annual target profiled to each quarter (the council's own shares), a note for a
# theme, and a footnote.
UNIT_LABELS = {"EV02": "kg"}
PROFILES = {"PH03": "25%;25%;25%;25%"}
# Measures printed with the places each figure was entered with, not a fixed number (FI05's £m in the latest year).
AS_ENTERED = {"FI05": ""}
# Measures linked to a national metric (demo/national.csv, tools/make_demo_national.py): compared with other councils.
BENCHMARK_METRICS = {"YO01": "YJ-FTE", "PH01": "93014", "PH02": "30101", "PH05": "20401"}
THEME_NOTES = {"Community safety": "Indicators for hate crime are yet to be agreed with the police."}
FOOTNOTES = {"AS01": "Adult Social Care Outcomes Framework measure", "AS02": "Adult Social Care Outcomes Framework measure"}

COMMENT_GOOD = ["Performance is above target and has improved compared to the same time last year.",
                "On track: the service expects to meet the year-end target.",
                "Performance remains better than target following the service redesign."]
COMMENT_BAD = ["Performance is below target. Demand has risen sharply this period.",
               "Performance fell during the period, partly linked to high call volumes and staff absence.",
               "Off target: vacancies in the team are being recruited to."]
CORRECTIVE = ["Corrective Action: an improvement plan is in place and progress is reviewed monthly by the Head of Service:\n"
              "- extra staff on the busiest shifts from next month\n- a weekly review of the cases open longest",
              "Corrective Action: additional capacity has been commissioned for the next two quarters.",
              "Corrective Action: a review of processes will report to the next committee."]


def fy(y): return f"{y}/{(y + 1) % 100:02d}"


def periods(freq):
    out = []
    for y in YEARS:
        if freq == "monthly":
            for i in range(12):
                m = (3 + i) % 12 + 1
                cy = y if m >= 4 else y + 1
                out.append((f"{cy}-{m:02d}", y, i / 12))
        elif freq == "quarterly":
            out += [(f"{fy(y)} Q{q}", y, (q - 1) / 4) for q in range(1, 5)]
        elif freq == "half_yearly":
            out += [(f"{fy(y)} H{h}", y, (h - 1) / 2) for h in range(1, 3)]
        elif freq == "termly":
            out += [(f"AY {fy(y)} T{t}", y, (t - 1) / 3) for t in range(1, 4)]
        else:
            out.append((fy(y), y, 0))
    return out


def fmt(v, d):
    return f"{v:.{d}f}" if d else str(int(round(v)))


def register_table(total):
    """The housing register by band (rows) and bedrooms needed (columns), with totals, adding up to total."""
    bands = [("Band 1", 0.08), ("Band 2", 0.22), ("Band 3", 0.40), ("Band 4", 0.30)]
    beds = [("1 bed", 0.42), ("2 bed", 0.33), ("3 bed", 0.18), ("4+ bed", 0.07)]
    lines = ["Band," + ",".join(b for b, _ in beds) + ",Total"]
    band_totals = [round(total * share) for _, share in bands]
    band_totals[-1] = total - sum(band_totals[:-1])
    columns = [0] * len(beds)
    for (band, _), band_total in zip(bands, band_totals):
        cells = [round(band_total * share) for _, share in beds]
        cells[-1] = band_total - sum(cells[:-1])
        columns = [c + x for c, x in zip(columns, cells)]
        lines.append(band + "," + ",".join(str(c) for c in cells) + f",{band_total}")
    lines.append("Total," + ",".join(str(c) for c in columns) + f",{total}")
    return "\n".join(lines)


def write():
    os.makedirs(OUT, exist_ok=True)
    mrows, vrows = [], []
    for (ref, title, pri, theme, comms, unit, pol, freq, agg, dec, start, target, drift, noise, tags, extra) in M:
        mrows.append(dict(ref=ref, title=title, kind="measure", priority=pri, theme=theme, committees=";".join(comms), unit=unit,
                          rate_per=extra.get("rate_per", ""), decimals=AS_ENTERED.get(ref, dec), polarity=pol, frequency=freq, aggregation=agg,
                          owner=f"{theme} lead officer", description=f"{title}. Source: service management information.",
                          tags=tags, amber_tolerance="2pt" if ref == "CU01" else "", blue_margin="5%" if ref in ("ED01", "EV06") else "",
                          unit_label=UNIT_LABELS.get(ref, ""), target_profile=PROFILES.get(ref, ""),
                          theme_note=THEME_NOTES.get(theme, ""),
                          footnote=FOOTNOTES.get(ref, ""), benchmark_metric=BENCHMARK_METRICS.get(ref, "")))
        ps = periods(freq)
        level = start
        for n, (p, y, frac) in enumerate(ps):
            is_last_year = y == YEARS[-1]
            is_latest = n >= len(ps) - 1
            if extra.get("cumulative_annual"):
                # A figure building up through the year toward an annual total.
                annual = start * (4 if freq == "quarterly" else 1) * (1 + 0.03 * (y - YEARS[0]))
                value = annual * (frac + 1 / len([q for q in ps if q[1] == y])) + random.gauss(0, noise)
                tgt = target * (frac + 1 / len([q for q in ps if q[1] == y]))
            else:
                level += drift
                value = level + random.gauss(0, noise) + (noise * 0.5 * math.sin(n))
                tgt = target
            if unit == "percentage":
                value = min(max(value, 0), 100)
            value = max(value, 0)
            row = dict(ref=ref, period=p)
            # A profiled measure has only its annual target: each quarter is rated against the part due by then.
            if tgt is not None and ref not in PROFILES:
                row["target"] = fmt(tgt, dec)
            if ref == "AS08" and is_latest:
                row["value"] = "Sign off not yet received"
            elif ref == "PH01" and y == YEARS[-1]:
                row["missing_reason"] = "not_yet_available"
                row["commentary"] = "The Active Lives survey for this year is published in the spring."
            elif ref == "AS04" and is_last_year and frac >= 0.75:
                row["missing_reason"] = "not_collected"
                row["commentary"] = "Data is not currently available from the NHS Delayed Transfers of Care website."
            elif "numden" in extra and unit == "percentage":
                den = extra["numden"] + random.randint(-5, 5)
                num = round(value * den / 100)
                row["numerator"], row["denominator"] = num, den
            else:
                row["value"] = fmt(value, dec)
            if is_latest and n % 3 == 0:
                row["qualifier"] = "provisional"
            if extra.get("breakdown") and "value" in row:
                total = int(row["value"])
                row["breakdown"] = f"B&B={int(total * 0.53)};SMG={int(total * 0.24)};EC={int(total * 0.22)}"
            # Published comparators (England, region, statistical neighbours) for quarterly and annual rates and
            # percentages: worked out from the target, without the random generator, so other figures are unchanged.
            if freq in ("quarterly", "annual") and unit in ("percentage", "rate") and tgt is not None and y >= YEARS[-2]:
                national = tgt * (0.97 + 0.02 * math.sin(n + len(ref)))
                row["benchmark_national"] = f"{national:.1f}"
                row["benchmark_regional"] = f"{national * (1.01 + 0.01 * math.cos(n)):.1f}"
                row["benchmark_neighbours"] = f"{national * (0.99 + 0.015 * math.sin(2 * n)):.1f}"
            if ref == "CP05" and y == YEARS[-1]:
                row["value_note"] = "cumulative since April"
            if ref == "PH02":
                row["value_note"] = f"3-year rolling period ending {y}"
            if ref == "EC01" and y == YEARS[-1]:
                row["no_new_data"] = "true"
                row["value_note"] = f"AY {fy(y - 1)} data"
            if is_last_year and tgt is not None and "value" in row and random.random() < 0.5:
                try:
                    v = float(row["value"])
                    bad = (v < tgt) if pol == "higher" else (v > tgt)
                    row["commentary"] = random.choice(COMMENT_BAD if bad else COMMENT_GOOD)
                    if bad:
                        row["corrective_action"] = random.choice(CORRECTIVE)
                except ValueError:
                    pass
            # Savings as finance officers write them in the latest year, in £m to two places: printed as entered.
            if ref == "FI05" and is_last_year and "value" in row:
                row["value"] = f"£{float(row['value']) / 1e6:.2f}m"
                row["target"] = f"£{tgt / 1e6:.2f}m"
            vrows.append(row)
        # Annual targets beside the in-year (profiled) ones, where they differ.
        if extra.get("cumulative_annual"):
            for y in YEARS:
                annual = f"£{target / 1e6:.1f}m" if ref == "FI05" and y == YEARS[-1] else fmt(target, dec)
                vrows.append(dict(ref=ref, period=fy(y), target=annual))
    # Manual overrides, with reasons.
    for row in vrows:
        if row["ref"] == "CS01" and row["period"] == "2018-03":
            row["rag_override"], row["override_reason"] = "amber", "Recording practice changed in March; the figure is not comparable."
        if row["ref"] == "HO06" and row["period"] == "2017/18 Q4":
            row["dot_override"], row["override_reason"] = "planned", "The register was reviewed and closed cases removed, as planned."
        # The register by band and bedroom need, a two-way table under the figure (worked out from the total, without
        # the random generator, so other figures are unchanged).
        if row["ref"] == "HO06" and row["period"].startswith(fy(YEARS[-1])) and row.get("value"):
            row["table"] = register_table(int(row["value"]))

    a = 1
    for pri, theme, comms, titles in ACTIONS:
        for title in titles:
            ref = f"ACT{a:02d}"
            mrows.append(dict(ref=ref, title=title, kind="action", priority=pri, theme=theme, committees=";".join(comms),
                              frequency="quarterly", polarity="none", owner=f"{theme} lead officer", tags="Council Plan"))
            begin = random.randint(0, 6)
            finish = begin + random.randint(3, 9)
            for n, (p, y, frac) in enumerate(periods("quarterly")):
                if n < begin:
                    continue
                if n >= finish:
                    vrows.append(dict(ref=ref, period=p, status="completed", commentary="Completed."))
                    break
                status = random.choices(["on_track", "some_slippage", "major_slippage", "not_started"], [6, 2, 1, 1 if n == begin else 0])[0]
                row = dict(ref=ref, period=p, status=status)
                if status != "on_track":
                    row["commentary"] = "Delayed by procurement; revised date agreed with the portfolio holder."
                    row["corrective_action"] = "Corrective Action: weekly project board until back on track."
                vrows.append(row)
            a += 1

    mcols = ["ref", "title", "kind", "priority", "theme", "theme_note", "committees", "unit", "unit_label", "rate_per", "decimals",
             "polarity", "frequency", "aggregation", "target_profile", "owner", "description", "tags", "amber_tolerance",
             "blue_margin", "footnote", "benchmark_metric"]
    vcols = ["ref", "period", "value", "status", "qualifier", "target", "numerator", "denominator", "breakdown", "table", "value_note",
             "no_new_data", "commentary", "corrective_action", "rag_override", "override_reason", "dot_override", "missing_reason",
             "benchmark_national", "benchmark_regional", "benchmark_neighbours"]
    for name, cols, rows in (("measures.csv", mcols, mrows), ("values.csv", vcols, vrows)):
        with open(os.path.join(OUT, name), "w", newline="", encoding="utf-8") as f:
            w = csv.DictWriter(f, fieldnames=cols, lineterminator="\n")
            w.writeheader()
            for r in rows:
                w.writerow(r)
    print(f"{len(mrows)} items, {len(vrows)} value rows")


if __name__ == "__main__":
    write()
