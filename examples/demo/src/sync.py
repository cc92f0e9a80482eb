import requests

BASE = "https://123-ABC-456.mktorest.com"

def upsert(auth, leads):
    return requests.post(f"{BASE}/rest/v1/leads.json", headers=auth, json={"input": leads})

def lead(auth, lead_id):
    return requests.get(BASE + "/rest/v1/lead/" + str(lead_id) + ".json", headers=auth)

def preview(email_id, lead_id):
    return call(f"/rest/asset/v1/email/{email_id}/fullContent.json?leadId={lead_id}")
