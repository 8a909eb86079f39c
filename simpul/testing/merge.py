"""Two people on one edit form (simpul.core.merge), for the view tests of every app.

base = opened(client, url)          # what the browser holds after opening the form
response = client.post(url, {"base": base, **fields})
base = shown_base(response)         # the re-signed snapshot on a 409 page
"""

import re

_BASE = re.compile(r'name="(?:[\w-]+-)?base" value="([^"]+)"')


def shown_base(response) -> str:
    """The signed snapshot in a rendered edit form."""
    found = _BASE.search(response.content.decode())
    assert found, "the edit form carries its signed snapshot"
    return found.group(1)


def opened(client, url: str) -> str:
    """The snapshot the person's browser got when opening the edit form at `url`."""
    response = client.get(url)
    assert response.status_code == 200
    return shown_base(response)


def choices_asked(response) -> set[str]:
    """The fields whose value the person must choose ("keep theirs" / "use mine")."""
    return set(re.findall(r'name="merge_([\w-]+)"', response.content.decode()))
