"""The project's URLs plus `bench-hello`, a bare view that measures the stack's own cost."""

from django.http import HttpResponse
from django.urls import path

from config.urls import urlpatterns as project_urlpatterns


def hello(request):
    return HttpResponse(b"hello", content_type="text/plain")


urlpatterns = [path("bench-hello/", hello, name="bench-hello"), *project_urlpatterns]
