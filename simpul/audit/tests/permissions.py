from simpul.testing.matrix import LOGIN, Expect

# Follows simpul.organizations.access.organization_can_view_history: members of the
# organisation, its overseers (province, central government) and platform admins.
EXPECTATIONS = {
    "audit:object-history": Expect(
        statuses={
            "anonymous": LOGIN,
            "sari": 200,  # admin of Pemkot Yogyakarta
            "budi": 404,  # another region's government
            "dewi": 404,  # member of an OPD of the region, not of the government itself
            "gita": 200,  # province DIY oversees Kota Yogyakarta
            "hadi": 200,  # Kemendagri oversees everything
            "eko": 404,  # NGO partner
            "rina": 200,  # platform admin
        },
        kwargs=lambda cast: {
            "label": "organizations.organization",
            "pk": str(cast.pemkot_yogyakarta.pk),
        },
    ),
}
