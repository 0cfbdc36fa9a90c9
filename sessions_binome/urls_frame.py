# Frame, charter, signatures and PDFs: filled in with issue 5.
urlpatterns = []
