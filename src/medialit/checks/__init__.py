"""The book's checks, run by ``medialit check`` and by the build: every text reference on a
page (:mod:`.refcheck`), every quotation of a source and the check its entry records
(:mod:`.quotations`), and which bibliography keys the book cites (:mod:`.citations`)."""
