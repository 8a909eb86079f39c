"""Notifications for tests: make_notifications(person, n, **fields) -> list[Notification]
(bulk, titles "Kabar 0" …, alternating between two agreements; `fields` override)."""

from simpul.notifications.models import Notification


def make_notifications(person, n, **fields):
    def values(i):
        return {
            "recipient": person,
            "kind": "tests.sample",
            "key": f"factory:{person.pk}:{i}",
            "title": f"Kabar {i}",
            "url": f"/kerja-sama/{i % 2 + 1}/",
            "group": f"agreement:{i % 2 + 1}",
            "group_label": ["Kartamantul: sampah", "SPAM Regional"][i % 2],
            "channel": "app",
            **fields,
        }

    return Notification.objects.bulk_create(Notification(**values(i)) for i in range(n))
