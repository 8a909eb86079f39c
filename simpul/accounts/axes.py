def username_from_request(request, credentials) -> str:
    """Count failed sign-ins per address whatever its letter case: Sari@… is sari@…."""
    username = (credentials or {}).get("username") or request.POST.get("username", "")
    return username.strip().lower()
