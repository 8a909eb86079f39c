"""The default complaint categories (data; editable in the admin)."""

# code, name_id, name_en
CATEGORIES = [
    ("service", "Layanan bersama", "Joint service"),
    ("infrastructure", "Infrastruktur dan fasilitas", "Infrastructure and facilities"),
    ("environment", "Lingkungan dan persampahan", "Environment and waste"),
    ("budget", "Anggaran dan pengadaan", "Budget and procurement"),
    ("information", "Keterbukaan informasi", "Access to information"),
    ("conduct", "Perilaku petugas", "Conduct of officials"),
    ("idea", "Usulan dan gagasan", "Proposal or idea"),
    ("other", "Lainnya", "Other"),
]


def install_categories(Category) -> None:
    for position, (code, name_id, name_en) in enumerate(CATEGORIES):
        Category.objects.update_or_create(
            code=code, defaults={"name_id": name_id, "name_en": name_en, "position": position}
        )
