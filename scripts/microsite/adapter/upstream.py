"""Every other use of MkDocs', Material's and Pillow's private internals: not a speed-up, declared
as the accelerators are (``accel/catalogue.py`` lists these after them) and checked the same way.

Each names the upstream symbols or templates the package relies on, with their fingerprints
and the versions read; ``tests/test_accel_registry.py`` fails when one drifts, and a build
that finds one changed says so in the log (``accel/health.py``). None is switched at run
time: the site's markup or the server is made with them on both paths (``runtime_note``).

The versions read, and the upstream symbols several declarations lean on (here and in the
catalogue), are defined once here: an upgrade changes one fingerprint in one place.
"""

from __future__ import annotations

from .accel.declaration import Accelerator, Mirror

MKDOCS = ("mkdocs", "1.6.1")
MATERIAL = ("mkdocs-material", "9.8.2")
PYMDOWNX = ("pymdown-extensions", "13.1.2")
PYYAML = ("PyYAML", "6.0.4")
PILLOW = ("pillow", "13.0.0")

BLOG = "material.plugins.blog.plugin:BlogPlugin"
BLOG_STRUCTURE = "material.plugins.blog.structure"

# Upstream code that several declarations lean on, here and in the catalogue: one fingerprint each.
POST_INIT = Mirror("material.plugins.blog.structure:Post.__init__", "d0e055d1606857e6")
EXCERPT_RENDER = Mirror("material.plugins.blog.structure:Excerpt.render", "88298442025d59a6")
POPULATE_PAGE = Mirror("mkdocs.commands.build:_populate_page", "2f695b0b6fb89013")
MKDOCS_BUILD = Mirror("mkdocs.commands.build:build", "b99ffb5c5b04a7d4")
BLOG_PAGE_MARKDOWN = Mirror("material.plugins.blog.plugin:BlogPlugin.on_page_markdown", "48d844985773ee43")
BLOG_PAGE_CONTENT = Mirror("material.plugins.blog.plugin:BlogPlugin.on_page_content", "4bd7fdeda088aa45")
BUILD_PAGE = Mirror("mkdocs.commands.build:_build_page", "da94c59196e1ca37")
BLOG_PAGE_CONTEXT = Mirror("material.plugins.blog.plugin:BlogPlugin.on_page_context", "c8570d49bdd61910")
PAGE_RENDER = Mirror("mkdocs.structure.pages:Page.render", "9c830aee008cac19")
NAV_ITEM_HTML = Mirror("material:templates/partials/nav-item.html", "89895208f22d68ce")
TAGS_PAGE_MARKDOWN = Mirror("material.plugins.tags.plugin:TagsPlugin.on_page_markdown", "ab4b2b4fe53e6acb")
SERVER_INIT = Mirror("mkdocs.livereload:LiveReloadServer.__init__", "8d55ca6ca201700b")
SERVER_BUILD_LOOP = Mirror("mkdocs.livereload:LiveReloadServer._build_loop", "62a4d73aaf57f890")
SERVER_SERVE_REQUEST = Mirror("mkdocs.livereload:LiveReloadServer._serve_request", "0f9793be39e74239")
TOC_HTML = Mirror("material:templates/partials/toc.html", "fde48f583563364b")
BASE_HTML = Mirror("material:templates/base.html", "a919e32d2225e09e")

OTHER_USES: tuple[Accelerator, ...] = (
    Accelerator(
        "lazy_bundle",
        "Not a build speed-up: Material's JavaScript bundle loads on the first interaction, and the table "
        "wrapper it would add at load is written into the HTML by the build (prewrap_tables).",
        "microsite.adapter.lazy_bundle:prewrap_tables",
        (BASE_HTML,),
        (MATERIAL,),
        runtime_note="always on: the site's HTML is this markup, on both paths",
    ),
    Accelerator(
        "workspace_server",
        "Not a build speed-up: microsite serve's server is MkDocs' LiveReloadServer with its build loop "
        "replaced (the page is shown as soon as it is made, errors as a Vietnamese page) and its address "
        "worded as MkDocs words it.",
        "microsite.adapter.workspace_server:WorkspaceServer",
        (SERVER_INIT,
         SERVER_BUILD_LOOP,
         SERVER_SERVE_REQUEST,
         Mirror("mkdocs.livereload:LiveReloadServer._inject_js_into_html", "f62ef08314aef393"),
         Mirror("mkdocs.livereload:_serve_url", "7bc6627454836e56")),
        (MKDOCS,),
        names=("_epoch_cond", "_rebuild_cond", "_shutdown", "_watched_paths", "_visible_epoch", "_wanted_epoch",
               "_want_rebuild"),
        runtime_note="serve only: the server itself (tests/test_preview_server.py)",
    ),
    Accelerator(
        "withdrawn_notice_paths",
        "Not a build speed-up: a withdrawn article's notice is written where Material's blog would put the "
        "article's page (its category slug and date path), so the old address answers.",
        "microsite.adapter.withdrawal:post_path",
        (Mirror(f"{BLOG}._slugify_category", "8559c829c81ad933"),
         Mirror(f"{BLOG}._format_date_for_post_url", "f800e3f6d99ec147")),
        (MATERIAL,),
        runtime_note="always on: the notice's address is the article's (tests/test_withdrawal.py)",
    ),
    Accelerator(
        "theme_templates",
        "Not a build speed-up: the theme's copies of Material templates (main.html, the logo, the two "
        "JavaScript partials that load the bundle lazily); a change upstream is to be carried into them.",
        "microsite.adapter.theme:use_package_theme",
        (Mirror("material:templates/main.html", "9948b55a7bc979c3"),
         Mirror("material:templates/partials/logo.html", "e0925ef6c190174a"),
         Mirror("material:templates/partials/javascripts/base.html", "d6113712bc4deb30"),
         Mirror("material:templates/partials/javascripts/content.html", "3722e156f0f6339d")),
        (MATERIAL,),
        runtime_note="always on: the site's HTML is made from these templates, on both paths",
    ),
    Accelerator(
        "valid_markup",
        "Not a build speed-up: the package theme's copies of three Material templates, each changed only "
        "where Material writes invalid HTML (autocomplete on the checkbox toggles, an empty tabindex on "
        "section labels, a label pointing to a __toc toggle that is not on the page); the Nu HTML Checker "
        "passes every page (tests/test_valid_html.py).",
        "microsite.adapter.theme:COPIED_TEMPLATES",
        (BASE_HTML,
         NAV_ITEM_HTML,
         TOC_HTML),
        (MATERIAL,),
        runtime_note="always on: the theme's templates are the site's markup",
    ),
    Accelerator(
        "photo_markup",
        "Not a build speed-up: responsive photos. The package theme's copy of Material's blog excerpt "
        "(partials/post.html) and of the tags plugin's listing (fragments/tags/default/listing.html) add "
        "the entry's 16:9 thumbnail; the body treeprocessor reads which page "
        "MkDocs' relpath treeprocessor is rendering (its file) to find a photo's renditions.",
        "microsite.adapter.photos:PhotoGlue",
        (Mirror("material:templates/partials/post.html", "756bb999794dc09d"),
         Mirror("material:templates/fragments/tags/default/listing.html", "93d20bc3c64a84de"),
         Mirror("mkdocs.structure.pages:_RelativePathTreeprocessor", "a29c28ab7bb29aad")),
        (MATERIAL, MKDOCS),
        runtime_note="always on: the photos' markup is the site's output",
    ),
)
