// 입장 확인: the phone's camera reads QR tickets. A frame every 400 ms goes to the server, which
// decodes it (zxing-cpp), so no browser needs a barcode API of its own.
(function () {
  "use strict";
  const box = document.querySelector(".camera");
  if (!box) return;
  const video = box.querySelector("video");
  const canvas = box.querySelector("canvas");
  const status = document.getElementById("camera-status");
  const start = document.getElementById("camera-start");
  const result = document.getElementById("checkin-result");
  let busy = false;
  let lastTicket = "";
  let lastAt = 0;

  async function begin() {
    if (!navigator.mediaDevices || !navigator.mediaDevices.getUserMedia) {
      status.textContent = "이 브라우저에서는 카메라를 쓸 수 없습니다. 참가권 번호로 확인해 주십시오.";
      return;
    }
    try {
      video.srcObject = await navigator.mediaDevices.getUserMedia({
        video: { facingMode: "environment", width: { ideal: 1280 } },
        audio: false,
      });
      await video.play();
      start.hidden = true;
      status.textContent = "참가권의 QR 코드를 화면 가운데에 비춰 주십시오.";
      setInterval(scan, 400);
    } catch (error) {
      status.textContent = "카메라를 켤 수 없습니다. 브라우저의 카메라 권한을 확인하시거나 참가권 번호로 확인해 주십시오.";
    }
  }

  function frame() {
    const width = Math.min(video.videoWidth, 800);
    canvas.width = width;
    canvas.height = Math.round((video.videoHeight * width) / video.videoWidth);
    canvas.getContext("2d").drawImage(video, 0, 0, canvas.width, canvas.height);
    return new Promise((resolve) => canvas.toBlob(resolve, "image/jpeg", 0.8));
  }

  async function scan() {
    if (busy || !video.videoWidth) return;
    busy = true;
    try {
      const response = await fetch(box.dataset.scanUrl, {
        method: "POST",
        body: await frame(),
        headers: { "X-CSRFToken": box.dataset.csrf, "Content-Type": "image/jpeg" },
        credentials: "same-origin",
      });
      if (response.status !== 200) return;
      const html = await response.text();
      const holder = document.createElement("div");
      holder.innerHTML = html;
      const verdict = holder.querySelector("[data-ticket]");
      const ticket = verdict ? verdict.dataset.ticket : "";
      // A ticket stays in view for a few seconds: show its first reading, not "already checked in".
      if (ticket && ticket === lastTicket && Date.now() - lastAt < 8000) return;
      lastTicket = ticket;
      lastAt = Date.now();
      result.innerHTML = html;
      if (navigator.vibrate) navigator.vibrate(150);
    } catch (error) {
      status.textContent = "서버에 연결할 수 없습니다. 잠시 뒤 다시 시도해 주십시오.";
    } finally {
      busy = false;
    }
  }

  start.addEventListener("click", begin);
})();
