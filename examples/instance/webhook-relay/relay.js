// Relays form webhooks into Marketo: looks the lead up, then upserts it.
const base = process.env.MARKETO_BASE;

async function relay(token, lead) {
  const found = await fetch(`${base}/rest/v1/leads.json?filterType=email&filterValues=${lead.email}`, {
    method: "GET",
    headers: { Authorization: `Bearer ${token}` },
  });
  const body = await found.json();
  return fetch(`${base}/rest/v1/leads.json`, {
    method: "POST",
    headers: { Authorization: `Bearer ${token}`, "Content-Type": "application/json" },
    body: JSON.stringify({ action: "createOrUpdate", input: [lead], known: body.result.length > 0 }),
  });
}

module.exports = { relay };
