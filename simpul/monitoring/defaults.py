"""National defaults installed by migration and ensured by tests: disaggregations and
early-warning rules. Both are data: administrators change them in the admin."""

DISAGGREGATIONS = [
    # code, Indonesian, English, [(option code, Indonesian, English)]
    ("sex", "Jenis kelamin", "Sex", [("f", "Perempuan", "Female"), ("m", "Laki-laki", "Male")]),
    (
        "age",
        "Kelompok umur",
        "Age group",
        [
            ("0-14", "0–14 tahun", "0–14 years"),
            ("15-64", "15–64 tahun", "15–64 years"),
            ("65+", "65 tahun ke atas", "65 years and over"),
        ],
    ),
    (
        "area",
        "Wilayah perkotaan/perdesaan",
        "Urban/rural",
        [("urban", "Perkotaan", "Urban"), ("rural", "Perdesaan", "Rural")],
    ),
]

# code → default threshold (days or percent; see services.warnings for each rule's meaning)
WARNING_RULES = {
    "late_data": 0,  # days past a period's due date without a submitted value
    "off_track": None,  # indicator status off track
    "low_absorption": 50,  # % of the year's budget realised, checked after mid-year
    "activity_overdue": 0,  # days past an activity's end date while not done
    "agreement_expiring": 90,  # days before the end date
    "plan_not_approved": 60,  # days since the plan was created or submitted
    "evaluation_overdue": 30,  # days past the date an evaluation was due
    "follow_up_overdue": 0,  # days past a follow-up's due date while open
}


def monitoring_defaults_ensure(apps=None) -> None:
    """Create the default disaggregations and warning rules that are missing (idempotent)."""
    if apps is None:
        from django.apps import apps as global_apps

        apps = global_apps
    Disaggregation = apps.get_model("monitoring", "Disaggregation")
    Option = apps.get_model("monitoring", "DisaggregationOption")
    WarningRule = apps.get_model("monitoring", "WarningRule")
    for position, (code, name_id, name_en, options) in enumerate(DISAGGREGATIONS):
        disaggregation, _ = Disaggregation.objects.get_or_create(
            code=code, defaults={"name_id": name_id, "name_en": name_en, "position": position}
        )
        for option_position, (option_code, option_id, option_en) in enumerate(options):
            Option.objects.get_or_create(
                disaggregation=disaggregation,
                code=option_code,
                defaults={"name_id": option_id, "name_en": option_en, "position": option_position},
            )
    for code, threshold in WARNING_RULES.items():
        WarningRule.objects.get_or_create(code=code, defaults={"threshold": threshold})
