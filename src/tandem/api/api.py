from ninja import NinjaAPI

api = NinjaAPI(
    title="Tandem API",
    version="1",
    urls_namespace="api-v1",
    description="Open data and member writes for the Tandem partnership platform.",
)
