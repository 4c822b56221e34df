// A "인쇄" button on printable pages (inline handlers are not allowed by the content policy).
document.querySelectorAll("[data-print]").forEach((button) => button.addEventListener("click", () => window.print()));
