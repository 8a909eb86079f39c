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
            "wati": 200,  # editor of Pemkot Yogyakarta
            "tono": 200,  # data officer of Pemkot Yogyakarta
            "vina": 200,  # viewer of Pemkot Yogyakarta
            "yanto": 404,  # coordinator of another government (Sleman)
            "lina": 404,  # admin of the joint secretariat, not of this government
            "fitri": 404,  # coordinator of the province's bureau: an agency, no overseer
            "joko": 404,  # data officer of the same bureau
            "agus": 404,  # editor of an OPD of the region, not of the government itself
        },
        kwargs=lambda cast: {
            "label": "organizations.organization",
            "pk": str(cast.pemkot_yogyakarta.pk),
        },
    ),
}
