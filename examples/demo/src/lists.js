const res = await fetch(`https://${host}/rest/v1/lists/${listId}/leads.json`, {
  method: "POST",
  headers: { Authorization: `Bearer ${token}` },
});
