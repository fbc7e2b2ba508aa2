"""Every accelerator of the build, declared once, in the order they are installed.

Each declaration names the upstream symbols its code copies, replaces, wraps or relies on
the shape of (``package.module:qualname``, or ``package:path`` for a template), with
the fingerprint of that code when the accelerator was written (``drift``) and the
versions it was read in. ``tests/test_accel_registry.py`` fails when a symbol is gone
or its code changed, naming the accelerator to revisit. ``hooks`` is how it is
switched on for a build (a ``run.Hooks`` class, of ``wiring`` or of its own module, imported
only when it is installed);
``MICROSITE_ACCEL=0`` builds without any. When a build starts, ``health`` checks each one
against the installed versions and fingerprints and leaves off (with a log line) any that differ.

The order of this tuple is the install order and the order every event reaches the
accelerators (``run.Run``); ``after`` says which must come earlier, ``registry.check_order``
enforces it. The uses of upstream internals that are not speed-ups (``adapter/upstream.py``)
come last: declared and checked the same way, never switched.
"""

from __future__ import annotations

from ..upstream import (
    BLOG, BLOG_PAGE_CONTENT, BLOG_PAGE_CONTEXT, BLOG_PAGE_MARKDOWN, BLOG_STRUCTURE, BUILD_PAGE,
    EXCERPT_RENDER, MATERIAL, MKDOCS, MKDOCS_BUILD, NAV_ITEM_HTML, OTHER_USES, PAGE_RENDER,
    PILLOW, POPULATE_PAGE, POST_INIT, PYYAML, SERVER_BUILD_LOOP, SERVER_INIT, SERVER_SERVE_REQUEST,
    TAGS_PAGE_MARKDOWN, TOC_HTML,
)
from .declaration import Accelerator, EventRule, Mirror

WIRING = "microsite.adapter.accel.wiring"
PLUGIN = "microsite.adapter.plugin:MicrositePlugin"

BEFORE_BLOG_READS_POSTS = EventRule(
    f"{PLUGIN}.on_files", "before", f"{BLOG}.on_files",
    "the articles are staged (front matter, withheld drafts) before the blog reads them as posts")
BEFORE_BLOG_LISTINGS = EventRule(
    f"{PLUGIN}.on_page_context", "before", f"{BLOG}.on_page_context",
    "a listing's excerpts are prepared before the blog renders them in its on_page_context")
AFTER_BLOG_ENV = EventRule(
    f"{PLUGIN}._on_env_last", "after", f"{BLOG}.on_env",
    "the page split forks with the final Jinja environment, every plugin's filters included")
BEFORE_BLOG_NAV = EventRule(
    f"{PLUGIN}.on_nav", "before", f"{BLOG}.on_nav",
    "the blog's posts list is indexed before the blog's own on_nav and page events ask it")

ACCELERATORS: tuple[Accelerator, ...] = (
    Accelerator(
        "libyaml_front_matter",
        "The blog re-reads every post's front matter with PyYAML's pure-Python SafeLoader; the files "
        "are our staged copies, which libyaml's CSafeLoader reads identically at a tenth of the cost.",
        "microsite.adapter.accel.wiring:LibyamlFrontMatter",
        (POST_INIT, Mirror("yaml:CSafeLoader", "21218eb3e3d08391")),
        (MATERIAL, PYYAML),
        hooks=f"{WIRING}:LibyamlFrontMatter",
        order=("swapped at on_config, before the blog's on_files reads the posts",),
        events=(BEFORE_BLOG_READS_POSTS,),
    ),
    Accelerator(
        "lead_only_excerpts",
        "Excerpt.render converts the whole post for each listing and cuts at the separator; it is handed "
        "the lead and the definitions the lead uses instead (same HTML). Each listing's posts are "
        "prepared once (ListingPosts).",
        "microsite.adapter.accel.material_blog:convert_leads_only",
        (EXCERPT_RENDER,
         Mirror(f"{BLOG_STRUCTURE}:View.__init__", "812ebd7a28cd8e5f"),
         BLOG_PAGE_CONTEXT),
        (MATERIAL,),
        hooks=f"{WIRING}:LeadOnlyExcerpts",
        order=("wraps excerpt.render at our on_page_context, before the blog's (-100) renders it",
               "the render cache wraps this wrapper (render_cache comes later)"),
        events=(BEFORE_BLOG_LISTINGS,),
    ),
    Accelerator(
        "render_cache",
        "Page.render and Excerpt.render results kept between builds in SQLite, keyed by content hash; "
        "excerpts rendered for one listing reused for another when their relative links read the same "
        "(relocation). MICROSITE_RENDER_CACHE=0 switches off this one alone.",
        "microsite.adapter.accel.render_cache:RenderCache",
        (PAGE_RENDER,
         EXCERPT_RENDER,
         Mirror(f"{BLOG_STRUCTURE}.markdown:ExcerptTreeprocessor.run", "f3d4488c7153ccb9"),
         Mirror("mkdocs.utils:get_relative_url", "519899c2664fc1a1")),
        (MKDOCS, MATERIAL),
        hooks=f"{WIRING}:RenderCacheHooks",
        names=('_title_from_render',),
        after=("lead_only_excerpts",),
        order=("opened at our on_files (priority 50), once every file is known, before the blog's (-50)",
               ("wraps page.render at our on_pre_page, and excerpt.render over lead_only_excerpts: a hit "
                "skips both")),
        events=(BEFORE_BLOG_READS_POSTS, BEFORE_BLOG_LISTINGS),
    ),
    Accelerator(
        "markdown_split",
        "MkDocs converts every page in one loop on one core; a forked child converts pages from the back "
        "into the render cache while the parent goes on from the front.",
        "microsite.adapter.accel.page_split:MarkdownSplit",
        (POPULATE_PAGE,
         MKDOCS_BUILD),
        (MKDOCS,),
        hooks="microsite.adapter.accel.page_split:MarkdownSplit",
        after=("render_cache",),
        order=(("replaces _populate_page from on_config; forks only once the render cache is attached "
                "(our on_files); its child is stopped at our on_env, when every page is converted"),),
    ),
    Accelerator(
        "posts_by_identity",
        "The blog asks `page in self.blog.posts` twice a page, and list membership calls Page.__eq__ "
        "(both titles) on every post: N squared; a list answering `in` from object ids.",
        "microsite.adapter.accel.material_blog:PostsByIdentity",
        (Mirror("mkdocs.structure.pages:Page.__eq__", "a9a4ab3b73dfea98"),
         BLOG_PAGE_MARKDOWN,
         BLOG_PAGE_CONTENT),
        (MKDOCS, MATERIAL),
        hooks=f"{WIRING}:PostsByIdentityHooks",
        order=("at our on_nav (0): after the blog's on_files (-50) made the list, before its on_nav (-50)",),
        events=(BEFORE_BLOG_NAV,),
    ),
    Accelerator(
        "shared_navigation",
        "Material renders the whole navigation twice per page (sidebar, tabs); each is rendered once per "
        "distinct result (active items, relative links, base_url) and reused.",
        "microsite.adapter.accel.shared_nav:SharedNavigation",
        (Mirror("material:templates/partials/nav.html", "af33f6e032f632eb"),
         Mirror("material:templates/partials/tabs.html", "d2c82916569e645a"),
         NAV_ITEM_HTML),
        (MATERIAL,),
        hooks=f"{WIRING}:SharedNavigationHooks",
        order=("installed on the Jinja environment at our on_env (-100), after every other plugin's",),
        events=(AFTER_BLOG_ENV,),
    ),
    Accelerator(
        "translations",
        "Material's language partial rebuilds its ~100-string table on every page; each key is looked up "
        "once per build (the theme's partials/language.html answers from it).",
        "microsite.adapter.accel.translations:Translations",
        (Mirror("material:templates/partials/language.html", "3a44516f305006ac"),),
        (MATERIAL,),
        hooks=f"{WIRING}:TranslationsHooks",
        order=("installed on the Jinja environment at our on_env (-100), before the page split forks",),
        events=(AFTER_BLOG_ENV,),
    ),
    Accelerator(
        "kept_pages",
        "After an edit of article bodies only, MkDocs would render every page again; the pages whose "
        "rendering cannot have changed (adapter/incremental.py: not a changed article, same related list, "
        "same read time) are copied from the published site, and what rendering them records is restored.",
        "microsite.adapter.accel.wiring:KeptPagesHooks",
        (BUILD_PAGE,
         MKDOCS_BUILD),
        (MKDOCS,),
        hooks=f"{WIRING}:KeptPagesHooks",
        after=("render_cache",),
        order=(("replaces _build_page from on_config, before the page split wraps it, so a page the split's "
                "child takes is kept or rendered the same way; the plugin decides which at its on_env"),),
    ),
    Accelerator(
        "page_split",
        "MkDocs renders and writes every page in one loop on one core; a forked child renders pages from "
        "the back, the parent merges what the child's pages left in the plugin's state.",
        "microsite.adapter.accel.page_split:PageSplit",
        (BUILD_PAGE,
         MKDOCS_BUILD),
        (MKDOCS,),
        hooks="microsite.adapter.accel.page_split:PageSplit",
        after=("render_cache", "markdown_split", "shared_navigation", "translations", "kept_pages"),
        order=(("replaces _build_page from on_config; forks at our on_env (-100), the last handler, so the "
                "child has the final environment with shared_navigation and translations installed"),),
        events=(AFTER_BLOG_ENV,),
    ),
    Accelerator(
        "preview_quick_page",
        "microsite serve only: a saved edit of one article re-renders, from the state the last build left "
        "(MkDocs' _populate_page and _build_page, accelerators off), the pages that show the change and "
        "serves them at once; a full build in a child process catches up. A body edit (front matter and "
        "lead unchanged): the article's page, its Markdown read again as Post.__init__ reads it and its "
        "readtime cleared so the blog computes it again; the cold build's page byte for byte "
        "(tests/test_preview_server.py). A listing edit (title and so URL, tags, summary, lead): the post's "
        "metadata read again by Post.__init__ on a copy of its file, its URL set as _resolve_post sets it, "
        "its tag mapping moved; the one page of each blog view holding it (_resolve_views, sliced as "
        "_render slices), its posts' excerpts made again by the blog's on_page_markdown; the tag listings "
        "found again in their page (ListingManager.add) and filled as the tags' on_env fills them; the "
        "campaign pages. Each listing page is the cold build's byte for byte (tests/test_preview_quick.py).",
        "microsite.adapter.preview_quick:quick_article",
        (POPULATE_PAGE,
         BUILD_PAGE,
         Mirror("mkdocs.structure.files:File.abs_dest_path.func", "e5e30fa1183759df"),
         Mirror("mkdocs.structure.pages:Page._set_canonical_url", "e54e693be05accfd"),
         Mirror("mkdocs.structure.pages:Page.read_source", "967d4e3306102e5d"),
         POST_INIT,
         Mirror("material.plugins.blog.structure:Post.read_source", "f86cf7ccc3852eab"),
         BLOG_PAGE_MARKDOWN,
         BLOG_PAGE_CONTENT,
         BLOG_PAGE_CONTEXT,
         Mirror("material.plugins.blog.plugin:BlogPlugin._resolve_post", "a26f7747cd2ee542"),
         Mirror("material.plugins.blog.plugin:BlogPlugin._format_path_for_post", "eee0bf026d2646e9"),
         Mirror("material.plugins.blog.plugin:BlogPlugin._path_to_file", "c3f4fdb336d6868e"),
         Mirror("material.plugins.blog.plugin:BlogPlugin._resolve_views", "14ba6c1b75d72568"),
         Mirror("material.plugins.blog.plugin:BlogPlugin._render", "90b797c8ff218986"),
         Mirror("material.plugins.blog.plugin:BlogPlugin._config_pagination", "d94187437f1bc4c6"),
         Mirror("material.plugins.blog.plugin:BlogPlugin._config_pagination_per_page", "b33f9447840594e3"),
         TAGS_PAGE_MARKDOWN,
         Mirror("material.plugins.tags.plugin:TagsPlugin.on_env", "d28fe1fdd51b16a2"),
         Mirror("material.plugins.tags.structure.mapping.manager:MappingManager.add", "d0525b88ab33aeb0"),
         Mirror("material.plugins.tags.structure.listing.manager:ListingManager.add", "380896ee33b548fb"),
         Mirror("material.plugins.tags.structure.listing.manager:ListingManager.populate", "3db6ac042f638277"),
         SERVER_INIT,
         SERVER_BUILD_LOOP,
         SERVER_SERVE_REQUEST),
        (MKDOCS, MATERIAL),
        checked_on_use=True,
        runtime_note="serve only, after a complete build (whose accelerators have ended): the page is made on "
                     "the plain path; the workspace server's build loop (adapter/workspace_server.py) replaces "
                     "LiveReloadServer._build_loop and sets its epochs",
    ),
    Accelerator(
        "page_patch",
        "microsite build after an edit of article bodies only: instead of an incremental MkDocs build, the "
        "published site is hard-linked and each changed body rendered alone (MkDocs' Page.render, against "
        "the files as the last build recorded them); its page is the recorded page with "
        "the content and the republish box's two texts replaced, when the table of contents, the <h1> test "
        "of Material's content partial, the title, anchors and read time are the recorded ones; its ninjs, "
        "press kit and the search index (search/patch.py) are made again (adapter/page_patch.py).",
        "microsite.adapter.page_patch:apply",
        (Mirror("material:templates/partials/content.html", "ce33929c85af129f"),
         Mirror("material:templates/blog-post.html", "d1a725d4b5fe7c75"),
         TOC_HTML,
         POPULATE_PAGE,
         PAGE_RENDER,
         POST_INIT,
         BLOG_PAGE_MARKDOWN,
         BLOG_PAGE_CONTENT,
         Mirror("material.plugins.blog.readtime:readtime", "8db8d025a208c2f9"),
         TAGS_PAGE_MARKDOWN),
        (MKDOCS, MATERIAL),
        names=("_title_from_render",),
        checked_on_use=True,
        runtime_note="microsite build, on the incremental path only; off with MICROSITE_ACCEL=0 (page_patch.apply "
                     "checks it), and whenever it cannot prove the page (the incremental build then runs)",
    ),
    Accelerator(
        "word_masks",
        "Social cards: each word rasterised once (FreeType) and stamped at the pen positions HarfBuzz gives "
        "the line; pixel-identical to ImageDraw.text (tests/test_card_drawing.py).",
        "microsite.infographics.word_masks:WordMaskCache",
        (Mirror("PIL.ImageFont:FreeTypeFont.getmask2", "992fe2a35a1264e0"),
         Mirror("PIL.ImageFont:FreeTypeFont.getlength", "a31a8daffca61a94"),
         Mirror("PIL.ImageDraw:ImageDraw.text", "96b9b469977374ee"), Mirror("PIL.Image:core", "037be95b13ad09d2")),
        (PILLOW,),
        runtime_note="always on: core drawing code (the cards' pixels are compared with Pillow's in its test)",
    ),
    Accelerator(
        "palette_canvas",
        "Social cards drawn straight into a fixed palette; a lookup table applied with Image._new and the "
        "core image's point() instead of Image.point, which re-rounds the table every call.",
        "microsite.infographics.palette_canvas:PaletteCanvas",
        (Mirror("PIL.Image:Image._new", "6dde9d255d6b6ddd"), Mirror("PIL.Image:Image.point", "6cfc4f72f47b32f4"),
         Mirror("PIL.Image:ImagePointHandler", "33a3ed741a3c7486")),
        (PILLOW,),
        runtime_note="always on: core drawing code; the palette is part of the cards' bytes",
    ),
    *OTHER_USES,
)
