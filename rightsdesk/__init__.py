"""RightsDesk: complaints, screening, cases and campaigns for civil-rights legal organisations."""
