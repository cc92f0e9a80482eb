const base = `https://${host}/rest/v1`;
await axios.get(base + "/leads.json", { params: { filterType: "email" } });
fetch(`${base}/lists/${listId}/leads.json`, { method: "POST" });
