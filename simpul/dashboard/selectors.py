def dashboard_for(user) -> dict:
    return {}
