"""Add a national world of meetings to a benchmark world (bench/generate_world.py first).

    python bench/world_meetings.py                               # var/bench.sqlite3
    python bench/world_meetings.py --database var/w.sqlite3 --meetings 20000

Forums: one per province (its government the secretariat, its regencies' and cities'
governments the members) and `--networks` networks of 3–8 governments anywhere, run by a
joint secretariat. Meetings (`--meetings`, default 200,000): two thirds of a forum, one third
of an active agreement, spread from two years back to one year ahead, one to three hours,
past ones held (5 % cancelled), the future scheduled; each invites its members or parties
(an organisation invitation each) and a held meeting gets `--attendees` attendance rows
(default 15: about 2 million at full size), several people per party. Plus the person the
benchmark signs in as: `bench.rapat@kemendagri.go.id`, a member of 20 governments (the busiest
forum members) with a live calendar feed.

Everything is written with bulk_create in batches inside one transaction (not audited, like
the rest of the bench world); the same --seed gives the same meetings. A world that already
has meetings is left alone unless --replace, which deletes them first.
"""

import argparse
import random
import sys
import time
from datetime import timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench import _django  # noqa: E402

PERSON = "bench.rapat@kemendagri.go.id"
ORGANIZATIONS_OF_PERSON = 20
BATCH = 5_000
TITLES = (
    "Rapat koordinasi bulanan",
    "Rapat teknis pengelolaan sampah",
    "Rapat pimpinan daerah",
    "Evaluasi kerja sama air minum",
    "Forum konsultasi publik",
    "Lokakarya perencanaan bersama",
)
KINDS = ("coordination", "technical", "leaders", "coordination", "forum", "workshop")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--database", help="SQLite file or database URL (default: var/bench.sqlite3)"
    )
    parser.add_argument("--meetings", type=int, default=200_000)
    parser.add_argument(
        "--attendees", type=int, default=15, help="attendance rows per held meeting"
    )
    parser.add_argument("--networks", type=int, default=300)
    parser.add_argument("--seed", type=int, default=2026)
    parser.add_argument("--replace", action="store_true", help="delete existing meetings first")
    args = parser.parse_args(argv)

    url = _django.database_url(args.database)
    path = _django.sqlite_path(url)
    if path is not None and not path.exists():
        print(f"{path} does not exist: run bench/generate_world.py first", file=sys.stderr)
        return 2
    _django.setup(url)
    from django.conf import settings

    if settings.PRODUCTION:
        print("Refusing to build benchmark meetings with SIMPUL_ENV=production.", file=sys.stderr)
        return 2
    from django.core.management import call_command
    from django.db import connection, transaction

    call_command("migrate", verbosity=0, interactive=False)
    from simpul.meetings.models import Meeting

    if Meeting.objects.exists() and not args.replace:
        print("This world already has meetings; use --replace to build them again.")
        return 1
    from simpul.audit.context import acting_as, system_actor

    started = time.monotonic()
    with acting_as(system_actor("bench_world_meetings")), transaction.atomic():
        if args.replace:
            delete_meetings()
        build(args, random.Random(args.seed), started)
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    print(f"Meetings world ready in {time.monotonic() - started:.1f} s")
    return 0


def delete_meetings() -> None:
    from simpul.meetings.models import (
        Attendance,
        CalendarFeed,
        Forum,
        ForumMember,
        Invitation,
        Meeting,
    )

    for model in (Attendance, Invitation, Meeting, ForumMember, Forum, CalendarFeed):
        model.objects.all()._raw_delete(model.objects.db)  # noqa: SLF001 - bench data only


def build(args: argparse.Namespace, rng: random.Random, started: float) -> None:
    from django.contrib.auth.hashers import make_password
    from django.utils import timezone

    from simpul.accounts.models import User
    from simpul.agreements.models import Agreement, Party
    from simpul.core.zones import zone_of
    from simpul.meetings.models import (
        Attendance,
        CalendarFeed,
        Forum,
        ForumMember,
        Invitation,
        Meeting,
    )
    from simpul.organizations.models import Membership, Organization

    now = timezone.now()
    governments = list(Organization.objects.governments().select_related("region"))
    by_id = {org.pk: org for org in governments}
    secretariats = list(Organization.objects.filter(kind="joint_secretariat"))
    if not governments:
        raise SystemExit("No governments in this world: run bench/generate_world.py first.")

    # Forums: a province's own (its regencies and cities), and networks across the country.
    forums: list[Forum] = []
    members: list[list[int]] = []
    provinces = [g for g in governments if g.region.parent_id is None]
    for province in provinces:
        seats = [g.pk for g in governments if g.region.parent_id == province.region_id]
        if len(seats) < 2:
            continue
        forums.append(
            Forum(
                name=f"TKKSD {province.region.name}",
                slug=f"tkksd-{province.region.code.replace('.', '-')}",
                kind=Forum.Kind.TKKSD,
                secretariat_id=province.pk,
                cadence="monthly",
            )
        )
        members.append([province.pk, *seats])
    for index in range(args.networks):
        seats = [g.pk for g in rng.sample(governments, rng.randint(3, 8))]
        forums.append(
            Forum(
                name=f"Jejaring Daerah {index + 1}",
                slug=f"jejaring-{index + 1}",
                kind=Forum.Kind.NETWORK,
                secretariat_id=(rng.choice(secretariats).pk if secretariats else seats[0]),
                cadence=rng.choice(["monthly", "quarterly", "semiannual"]),
            )
        )
        members.append(seats)
    Forum.objects.bulk_create(forums, batch_size=BATCH)
    ForumMember.objects.bulk_create(
        [
            ForumMember(forum_id=forum.pk, organization_id=org_id)
            for forum, seats in zip(forums, members, strict=True)
            for org_id in seats
        ],
        batch_size=BATCH,
    )
    print(f"Forums: {len(forums)} ({time.monotonic() - started:.1f} s)")

    agreements = list(Agreement.objects.filter(state="active").values_list("pk", flat=True))
    parties: dict[int, list[int]] = {}
    for agreement_id, org_id in Party.objects.filter(agreement_id__in=agreements).values_list(
        "agreement_id", "organization_id"
    ):
        parties.setdefault(agreement_id, []).append(org_id)
    agreements = [pk for pk in agreements if parties.get(pk)]

    span = timedelta(days=3 * 365)
    first = now - timedelta(days=2 * 365)
    meetings_written = invitations_written = attendance_written = 0
    for offset in range(0, args.meetings, BATCH):
        batch: list[Meeting] = []
        seats_of: list[list[int]] = []
        for number in range(offset, min(offset + BATCH, args.meetings)):
            on_forum = not agreements or number % 3 != 2
            if on_forum:
                index = rng.randrange(len(forums))
                seats, host = members[index], forums[index].secretariat_id
                owner = {"forum_id": forums[index].pk}
            else:
                agreement_id = rng.choice(agreements)
                seats = parties[agreement_id]
                host = seats[0]
                owner = {"agreement_id": agreement_id}
            starts_at = (first + span * rng.random()).replace(second=0, microsecond=0)
            past = starts_at < now
            status = "scheduled"
            if past:
                status = "cancelled" if rng.random() < 0.05 else "held"
            host_org = by_id.get(host)
            batch.append(
                Meeting(
                    **owner,
                    kind=KINDS[number % len(KINDS)],
                    title=TITLES[number % len(TITLES)],
                    host_id=host,
                    starts_at=starts_at,
                    ends_at=starts_at + timedelta(hours=rng.randint(1, 3)),
                    zone=zone_of(host_org),
                    status=status,
                    cancel_reason="Bencana alam" if status == "cancelled" else "",
                    uid=f"bench-{number}@simpul",
                )
            )
            seats_of.append(seats)
        Meeting.objects.bulk_create(batch, batch_size=BATCH)
        invitations = [
            Invitation(
                meeting_id=meeting.pk,
                meeting_starts_at=meeting.starts_at,
                kind="organization",
                organization_id=org_id,
                rsvp="accepted" if meeting.status == "held" else "pending",
                sent_sequence=0,
            )
            for meeting, seats in zip(batch, seats_of, strict=True)
            for org_id in seats
        ]
        Invitation.objects.bulk_create(invitations, batch_size=BATCH)
        attendance = []
        for meeting, seats in zip(batch, seats_of, strict=True):
            if meeting.status != "held":
                continue
            for row in range(args.attendees):
                org_id = seats[row % len(seats)]
                status = rng.choices(["present", "represented", "absent"], [80, 10, 10])[0]
                attendance.append(
                    Attendance(
                        meeting_id=meeting.pk,
                        organization_id=org_id,
                        name=f"Peserta {row + 1}",
                        status=status,
                        represented_by="Staf" if status == "represented" else "",
                        absence_reason="Tugas lain" if status == "absent" else "",
                    )
                )
        Attendance.objects.bulk_create(attendance, batch_size=BATCH)
        meetings_written += len(batch)
        invitations_written += len(invitations)
        attendance_written += len(attendance)
        if (offset // BATCH) % 10 == 9 or offset + BATCH >= args.meetings:
            print(
                f"Meetings: {meetings_written}, invitations: {invitations_written}, attendance: "
                f"{attendance_written} ({time.monotonic() - started:.1f} s)"
            )

    # The person in 20 organisations: the governments with the most forum seats.
    seat_counts: dict[int, int] = {}
    for seats in members:
        for org_id in seats:
            seat_counts[org_id] = seat_counts.get(org_id, 0) + 1
    busiest = sorted(seat_counts, key=lambda org_id: (-seat_counts[org_id], org_id))
    person = User.objects.filter(email=PERSON).first()
    if person is None:
        person = User.objects.create(
            email=PERSON, full_name="Bench Rapat", password=make_password("bench-password-2026")
        )
    Membership.objects.filter(user=person).delete()
    Membership.objects.bulk_create(
        [
            Membership(user_id=person.pk, organization_id=org_id, role="editor")
            for org_id in busiest[:ORGANIZATIONS_OF_PERSON]
        ]
    )
    CalendarFeed.objects.filter(user=person).delete()
    CalendarFeed.objects.create(user=person)
    print(f"{PERSON}: a member of {ORGANIZATIONS_OF_PERSON} governments, with a calendar feed")


if __name__ == "__main__":
    sys.exit(main())
