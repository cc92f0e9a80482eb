requests.post(f"{BASE}/rest/v1/leads.json", json=payload)
session.get(BASE + '/rest/v1/activities/pagingtoken.json', params={"sinceDatetime": since})
