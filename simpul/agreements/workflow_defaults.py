"""The national default workflows, as plain data (domain brief §1.6, §7 status machine).

`install(Workflow, Stage, Transition)` writes them idempotently (by code); migration 0003 and
`workflow.workflows_install_defaults()` both call it, so tests and commands can reinstall.

Decisions (documented here because the brief leaves them open):

* `extended` is an in-force stage like `active` (models.ACTIVE_STATES counts it): an extended
  agreement can be suspended, terminated, extended again, taken over or expire.
* KSDPL/KSDLL add a `central_clearance` stage between KB drafting and KB signing: the KB
  draft goes to Kemendagri/Kemlu, and signing needs the clearance letter, filed as a document
  of kind "evaluation" (the central government's consideration of the draft).
* SINERGI is a Nota Kesepakatan: after the KB (the Nota) is signed it may become active
  directly (`activate_without_pks`); the PKS path stays available for an action-plan PKS.
* `expire` has no allowed roles: only the system (the daily housekeeping task) makes it.
* Transitions that commit a region (signing, terminating, withdrawing, takeover) need admin
  or coordinator; working steps also allow editors.
* A transition's name says what happened, for the history ("Perselisihan dibuka"); ACTIONS
  gives its button the action ("Buka perselisihan") and its emphasis: "next" for the usual
  way forward (the page makes the first one that can be taken its one primary button),
  "confirm" for what is rare or hard to undo (a secondary button that asks first).
"""

MANAGERS = ["admin", "coordinator"]
WORKERS = ["admin", "coordinator", "editor"]

# code, name_id, name_en, kind, counts_as_active
STAGES = [
    ("draft", "Draf", "Draft", "main", False),
    ("offered", "Penawaran", "Offered", "main", False),
    ("offer_accepted", "Penawaran diterima", "Offer accepted", "main", False),
    ("kb_drafting", "Penyusunan KB", "Drafting the KB", "main", False),
    ("central_clearance", "Pertimbangan pusat", "Central clearance", "main", False),
    ("kb_signed", "KB ditandatangani", "KB signed", "main", False),
    (
        "council_approval_pending",
        "Menunggu persetujuan DPRD",
        "Awaiting DPRD approval",
        "main",
        False,
    ),
    ("council_approved", "Disetujui DPRD", "Approved by the DPRD", "main", False),
    ("pks_drafting", "Penyusunan PKS", "Drafting the PKS", "main", False),
    ("pks_signed", "PKS ditandatangani", "PKS signed", "main", False),
    ("active", "Berlaku", "Active", "main", True),
    ("suspended", "Ditangguhkan", "Suspended", "main", True),
    ("extended", "Diperpanjang", "Extended", "main", True),
    ("expired", "Berakhir", "Expired", "final", False),
    ("terminated", "Diakhiri", "Terminated", "final", False),
    ("rejected", "Ditolak", "Rejected", "side", False),
    ("withdrawn", "Ditarik", "Withdrawn", "side", False),
    ("in_dispute", "Dalam perselisihan", "In dispute", "side", True),
    ("taken_over", "Diambil alih", "Taken over", "side", False),
]

IN_FORCE = ["active", "suspended", "extended"]

# code, name_id, name_en, sources, target, allowed_roles, required_documents, rules
TRANSITIONS = [
    (
        "offer",
        "Kirim penawaran",
        "Send the offer",
        ["draft"],
        "offered",
        WORKERS,
        ["offer_letter"],
        ["parties_valid"],
    ),
    (
        "accept_offer",
        "Penawaran diterima",
        "Offer accepted",
        ["offered"],
        "offer_accepted",
        WORKERS,
        ["reply_letter"],
        [],
    ),
    (
        "reject_offer",
        "Penawaran ditolak",
        "Offer rejected",
        ["offered"],
        "rejected",
        WORKERS,
        [],
        [],
    ),
    ("withdraw", "Tarik kembali", "Withdraw", ["draft", "offered"], "withdrawn", MANAGERS, [], []),
    (
        "start_kb_drafting",
        "Mulai penyusunan KB",
        "Start drafting the KB",
        ["offer_accepted"],
        "kb_drafting",
        WORKERS,
        [],
        [],
    ),
    (
        "sign_kb",
        "KB ditandatangani",
        "KB signed",
        ["kb_drafting"],
        "kb_signed",
        MANAGERS,
        ["kb"],
        ["parties_valid", "kb_signed_by_all"],
    ),
    (
        "request_council_approval",
        "Ajukan persetujuan DPRD",
        "Ask the DPRD for approval",
        ["kb_signed"],
        "council_approval_pending",
        WORKERS,
        [],
        ["council_approval_needed"],
    ),
    (
        "record_council_approval",
        "Persetujuan DPRD diterima",
        "DPRD approval received",
        ["council_approval_pending"],
        "council_approved",
        WORKERS,
        ["council_approval"],
        ["council_approvals_present"],
    ),
    (
        "start_pks_drafting",
        "Mulai penyusunan PKS",
        "Start drafting the PKS",
        ["kb_signed", "council_approved"],
        "pks_drafting",
        WORKERS,
        [],
        ["council_rule_satisfied"],
    ),
    (
        "sign_pks",
        "PKS ditandatangani",
        "PKS signed",
        ["pks_drafting"],
        "pks_signed",
        MANAGERS,
        ["pks"],
        [
            "kb_signed_by_all",
            "pks_signed_by_all",
            "pks_after_kb",
            "pks_power_of_attorney",
            "pks_within_kb",
        ],
    ),
    (
        "activate",
        "Mulai berlaku",
        "Put into force",
        ["pks_signed"],
        "active",
        MANAGERS,
        [],
        ["dates_valid"],
    ),
    ("suspend", "Tangguhkan", "Suspend", ["active", "extended"], "suspended", MANAGERS, [], []),
    ("resume", "Lanjutkan", "Resume", ["suspended"], "active", MANAGERS, [], []),
    (
        "terminate",
        "Akhiri",
        "Terminate",
        IN_FORCE,
        "terminated",
        MANAGERS,
        ["termination_letter"],
        [],
    ),
    ("expire", "Berakhir karena waktu", "Expire", ["active", "extended"], "expired", [], [], []),
    (
        "extend",
        "Perpanjang (adendum)",
        "Extend (addendum)",
        ["active", "extended"],
        "extended",
        MANAGERS,
        ["addendum"],
        [],
    ),
    (
        "open_dispute",
        "Perselisihan dibuka",
        "Dispute opened",
        IN_FORCE,
        "in_dispute",
        WORKERS,
        [],
        [],
    ),
    (
        "resolve_dispute",
        "Perselisihan selesai",
        "Dispute resolved",
        ["in_dispute"],
        "active",
        WORKERS,
        [],
        [],
    ),
    (
        "take_over",
        "Diambil alih",
        "Taken over",
        IN_FORCE + ["in_dispute"],
        "taken_over",
        MANAGERS,
        [],
        [],
    ),
]

# Family-specific changes to the common list.
CENTRAL_CLEARANCE = [
    (
        "submit_central_clearance",
        "Ajukan pertimbangan pusat",
        "Submit for central clearance",
        ["kb_drafting"],
        "central_clearance",
        WORKERS,
        ["kb"],
        ["parties_valid"],
    ),
    (
        "sign_kb",
        "KB ditandatangani",
        "KB signed",
        ["central_clearance"],
        "kb_signed",
        MANAGERS,
        ["kb", "evaluation"],
        ["parties_valid", "kb_signed_by_all"],
    ),
]
NOTA_KESEPAKATAN = [
    (
        "activate_without_pks",
        "Mulai berlaku tanpa PKS",
        "Put into force without a PKS",
        ["kb_signed", "council_approved"],
        "active",
        MANAGERS,
        [],
        ["council_rule_satisfied", "dates_valid"],
    ),
]

# code: (action_id, action_en, emphasis), for every family's transition of that code.
ACTIONS = {
    "offer": ("Kirim penawaran", "Send the offer", "next"),
    "accept_offer": ("Catat penerimaan penawaran", "Record that the offer was accepted", "next"),
    "reject_offer": ("Catat penolakan penawaran", "Record that the offer was rejected", "confirm"),
    "withdraw": ("Tarik kembali", "Withdraw", "confirm"),
    "start_kb_drafting": ("Mulai penyusunan KB", "Start drafting the KB", "next"),
    "submit_central_clearance": (
        "Ajukan pertimbangan pusat",
        "Submit for central clearance",
        "next",
    ),
    "sign_kb": ("Catat penandatanganan KB", "Record the KB signing", "next"),
    "request_council_approval": ("Ajukan persetujuan DPRD", "Ask the DPRD for approval", "next"),
    "record_council_approval": ("Catat persetujuan DPRD", "Record the DPRD approval", "next"),
    "start_pks_drafting": ("Mulai penyusunan PKS", "Start drafting the PKS", "next"),
    "sign_pks": ("Catat penandatanganan PKS", "Record the PKS signing", "next"),
    "activate": ("Berlakukan", "Put into force", "next"),
    "activate_without_pks": ("Berlakukan tanpa PKS", "Put into force without a PKS", "other"),
    "suspend": ("Tangguhkan", "Suspend", "confirm"),
    "resume": ("Lanjutkan", "Resume", "next"),
    "terminate": ("Akhiri", "Terminate", "confirm"),
    "expire": ("Tandai berakhir", "Mark as expired", "confirm"),
    "extend": ("Perpanjang (adendum)", "Extend (addendum)", "other"),
    "open_dispute": ("Buka perselisihan", "Open a dispute", "confirm"),
    "resolve_dispute": ("Selesaikan perselisihan", "Resolve the dispute", "next"),
    "take_over": ("Ambil alih", "Take over", "confirm"),
}

FAMILIES = {
    "ksdd": ("Alur nasional KSDD", "PP 28/2018; Permendagri 22/2020"),
    "ksdpk": ("Alur nasional KSDPK", "PP 28/2018; Permendagri 22/2020"),
    "ksdpl": ("Alur nasional KSDPL", "Permendagri 25/2020"),
    "ksdll": ("Alur nasional KSDLL", "Permendagri 25/2020"),
    "sinergi": ("Alur nasional Nota Kesepakatan", "PP 28/2018 Pasal 46"),
}


def transitions_for(family: str) -> list[tuple]:
    if family in ("ksdpl", "ksdll"):
        common = [t for t in TRANSITIONS if t[0] != "sign_kb"]
        return common + CENTRAL_CLEARANCE
    if family == "sinergi":
        return TRANSITIONS + NOTA_KESEPAKATAN
    return list(TRANSITIONS)


def stages_for(family: str) -> list[tuple]:
    if family in ("ksdpl", "ksdll"):
        return list(STAGES)
    return [s for s in STAGES if s[0] != "central_clearance"]


def install(Workflow, Stage, Transition) -> None:
    """Create or update the national workflows; safe to run any number of times."""
    for family, (name, legal_basis) in FAMILIES.items():
        workflow = Workflow.objects.filter(family=family, region__isnull=True).first()
        if workflow is None:
            workflow = Workflow.objects.create(family=family, name=name, legal_basis=legal_basis)
        stages = {}
        for position, (code, name_id, name_en, kind, active) in enumerate(
            stages_for(family), start=1
        ):
            stages[code], _ = Stage.objects.update_or_create(
                workflow=workflow,
                code=code,
                defaults={
                    "name_id": name_id,
                    "name_en": name_en,
                    "position": position,
                    "kind": kind,
                    "counts_as_active": active,
                },
            )
        position = 0
        for code, name_id, name_en, sources, target, roles, documents, rules in transitions_for(
            family
        ):
            for source in sources:
                position += 1
                Transition.objects.update_or_create(
                    workflow=workflow,
                    code=code,
                    source=stages[source],
                    defaults={
                        "name_id": name_id,
                        "name_en": name_en,
                        "target": stages[target],
                        "allowed_roles": list(roles),
                        "required_documents": list(documents),
                        "rules": list(rules),
                        "position": position,
                    },
                )


def install_actions(Transition) -> None:
    """Give the shipped transitions their button label and emphasis, in every workflow
    (national and regional copies) where no label was set yet; a region's own wording stays."""
    for code, (action_id, action_en, emphasis) in ACTIONS.items():
        Transition.objects.filter(code=code, action_id="").update(
            action_id=action_id, action_en=action_en, emphasis=emphasis
        )
