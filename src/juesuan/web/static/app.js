// juesuan serve: the little script the pages use (no build step, no library).
"use strict";

// The upload page: poll the jobs until they are finished; one document → open its report.
(function () {
  const box = document.getElementById("upload");
  if (!box) return;
  const id = box.dataset.upload;
  async function poll() {
    let data;
    try {
      const res = await fetch("/api/v1/uploads/" + encodeURIComponent(id), { credentials: "same-origin" });
      if (!res.ok) throw new Error(String(res.status));
      data = await res.json();
    } catch (e) {
      setTimeout(poll, 2000);
      return;
    }
    for (const job of data.jobs) {
      const row = document.querySelector('[data-job="' + job.id + '"]');
      if (!row) continue;
      row.querySelector(".job-state").textContent = job.state_label;
      row.querySelector(".job-spin").hidden = job.state === "done" || job.state === "failed";
      const result = row.querySelector(".job-result");
      if (job.document_id) {
        result.textContent = "";
        const a = document.createElement("a");
        a.href = "/documents/" + job.document_id;
        a.textContent = "查看审核结果（文档 #" + job.document_id + "）";
        result.appendChild(a);
      } else if (job.error) {
        result.textContent = job.error;
      }
    }
    if (data.finished) {
      const docs = data.jobs.filter(function (j) { return j.document_id; });
      if (data.jobs.length === 1 && docs.length === 1) {
        window.location.assign("/documents/" + docs[0].document_id);
      }
      return;
    }
    setTimeout(poll, 400);
  }
  poll();
})();

// Review forms: a dismissal needs a reason.
document.addEventListener("submit", function (event) {
  const form = event.target;
  if (!form.classList || !form.classList.contains("review")) return;
  const button = event.submitter;
  if (!button || button.value !== "dismissed") return;
  const reason = form.querySelector('input[name="reason"]');
  if (reason && !reason.value.trim()) {
    event.preventDefault();
    reason.setCustomValidity("排除须写明理由");
    reason.reportValidity();
    reason.addEventListener("input", function () { reason.setCustomValidity(""); }, { once: true });
  }
});

// The upload form: say that it is uploading.
document.addEventListener("submit", function (event) {
  const form = event.target;
  if (form.id !== "upload-form") return;
  const note = form.querySelector(".sending");
  if (note) note.hidden = false;
});
