from typing import Any

from django.test import RequestFactory

from simpul.core.net import client_ip


def request_from(remote: str, forwarded: str | None = None):
    extra: dict[str, Any] = {"REMOTE_ADDR": remote}
    if forwarded is not None:
        extra["HTTP_X_FORWARDED_FOR"] = forwarded
    return RequestFactory().get("/", **extra)


def test_without_proxies_it_trusts_only_the_connection(settings):
    settings.SIMPUL_TRUSTED_PROXY_COUNT = 0
    assert client_ip(request_from("203.0.113.9", "198.51.100.1")) == "203.0.113.9"


def test_behind_one_proxy_it_takes_the_address_that_proxy_saw(settings):
    settings.SIMPUL_TRUSTED_PROXY_COUNT = 1
    # The client forged the first entry; our proxy appended the real one.
    request = request_from("10.0.0.2", "1.2.3.4, 198.51.100.7")
    assert client_ip(request) == "198.51.100.7"


def test_a_missing_or_garbled_header_falls_back_to_the_connection(settings):
    settings.SIMPUL_TRUSTED_PROXY_COUNT = 2
    assert client_ip(request_from("10.0.0.2", "198.51.100.7")) == "10.0.0.2"
    assert client_ip(request_from("10.0.0.2", "bukan-ip, 10.0.0.1")) == "10.0.0.2"
