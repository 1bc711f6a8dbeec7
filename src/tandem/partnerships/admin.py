from django.contrib import admin

from tandem.partnerships.models import Area, City, Partnership


@admin.register(City)
class CityAdmin(admin.ModelAdmin[City]):
    list_display = ["slug", "name_en", "name_de", "name_ro", "country", "time_zone"]
    search_fields = ["slug", "name_en", "name_de", "name_ro"]


@admin.register(Area)
class AreaAdmin(admin.ModelAdmin[Area]):
    list_display = ["slug", "name_en", "name_de", "name_ro", "parent", "position"]
    list_filter = ["parent"]
    search_fields = ["slug", "name_en", "name_de", "name_ro"]


@admin.register(Partnership)
class PartnershipAdmin(admin.ModelAdmin[Partnership]):
    list_display = ["slug", "city_a", "city_b", "kind", "signed_on", "status"]
    filter_horizontal = ["focus_areas"]
