// "내 위치의 동으로": the phone's position picks the nearest 동 (by its centre) for the company search.
// Browsers give the position only on https:// or localhost; elsewhere the button stays hidden.
(function () {
  "use strict";
  const button = document.getElementById("near-me");
  const select = document.getElementById("id_dong");
  const status = document.getElementById("near-status");
  const points = JSON.parse(document.getElementById("dong-points").textContent);
  if (!button || !select || !navigator.geolocation || !window.isSecureContext) return;
  button.hidden = false;
  button.addEventListener("click", () => {
    status.textContent = "위치를 확인하고 있습니다...";
    navigator.geolocation.getCurrentPosition(
      (position) => {
        const { latitude, longitude } = position.coords;
        const km = (p) => Math.hypot((p.lat - latitude) * 111, (p.lon - longitude) * 88);
        const nearest = points.reduce((best, p) => (km(p) < km(best) ? p : best));
        select.value = String(nearest.pk);
        select.dispatchEvent(new Event("change", { bubbles: true }));
        status.textContent = `${select.options[select.selectedIndex].text} 업체를 보여 드립니다.`;
      },
      () => {
        status.textContent = "위치를 알 수 없습니다. 행정동을 직접 골라 주십시오.";
      },
      { timeout: 10000, maximumAge: 60000 },
    );
  });
})();
