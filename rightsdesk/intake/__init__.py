"""The public complaint form (English and Spanish), drafts, uploads, receipts, status checks,
paper forms, the staff inbox, and import/export."""
