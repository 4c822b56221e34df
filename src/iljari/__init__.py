"""iljari (일자리) — the open-source platform a Korean city runs its job center on."""
