"""The one way the platform makes a PDF: a template rendered to HTML, then by WeasyPrint.

The same template is served as HTML (`?format=html`) so a person can check it in the browser.
Stylesheets are read from the local static folders (never from the network); fonts are the
system's (DejaVu, installed with WeasyPrint's libraries).

Every PDF is tagged for PDF/UA-1 (RGAA asks it of a public body's downloadable documents): a structure
tree from the HTML (headings, lists, tables with their header cells, figures with their text), the
language of `<html lang>`, the `<title>` as the title a reader shows, and the XMP metadata that says so.
A template therefore sets `lang`, a `<title>`, headings in order, `<th scope>` and alternative texts.
"""

from django.contrib.staticfiles import finders
from django.http import HttpResponse
from django.template.loader import render_to_string


def _local_fetcher():
    from weasyprint import URLFetcher

    class LocalStaticFetcher(URLFetcher):
        """Serve /static/... from the finders and refuse anything else: a PDF never reaches the network."""

        def fetch(self, url, headers=None):
            prefix = "/static/"
            if url.startswith("data:"):
                return super().fetch(url, headers)
            path = url.split("://", 1)[-1]
            if prefix in path:
                local = finders.find(path.split(prefix, 1)[1].split("?")[0])
                if local:
                    return super().fetch("file://" + local, headers)
            raise ValueError(f"external resource refused in a PDF: {url}")

    return LocalStaticFetcher(allowed_protocols=("file", "data"))


def _table_headers_finisher(document, pdf):
    """Complete WeasyPrint 70's table tagging for PDF/UA: it ties each data cell to its header cells
    by /Headers and /ID, but writes no /IDTree (where a reader looks those ids up) and no /Scope on
    the header cells (what PDF/UA checkers ask of a TH). A header is a row header when a data cell
    of its own row names it, as WeasyPrint does from `<th scope="row">`."""
    import pydyf

    def kind(obj):
        return obj.get("S") if isinstance(obj, pydyf.Dictionary) and obj.get("Type") == "/StructElem" else None

    def parent(obj):
        return int(obj["P"].split()[0])

    headers = {obj["ID"].string: obj for obj in pdf.objects if kind(obj) == "/TH" and "ID" in obj}
    row_headers = set()
    for cell in (obj for obj in pdf.objects if kind(obj) == "/TD"):
        for key in cell["A"].get("Headers", ()):
            header = headers.get(key.string)
            if header is not None and parent(header) == parent(cell):
                row_headers.add(key.string)
    for key, header in headers.items():
        header["A"]["Scope"] = "/Row" if key in row_headers else "/Column"
    if headers:
        names = pydyf.Array()
        for key in sorted(headers):
            names.extend([pydyf.String(key), headers[key].reference])
        root = pdf.objects[int(pdf.catalog["StructTreeRoot"].split()[0])]
        root["IDTree"] = pydyf.Dictionary({"Names": names})


def render_pdf(template_name, context):
    from weasyprint import HTML

    html = render_to_string(template_name, {**context, "for_pdf": True})
    document = HTML(string=html, base_url="http://pdf.invalid/", url_fetcher=_local_fetcher())
    return document.write_pdf(pdf_variant="pdf/ua-1", finisher=_table_headers_finisher)


def pdf_response(request, template_name, context, filename):
    """The PDF as a download, or the same document as HTML with ?format=html."""
    if request.GET.get("format") == "html":
        return HttpResponse(render_to_string(template_name, {**context, "for_pdf": False}, request=request))
    response = HttpResponse(render_pdf(template_name, context), content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
