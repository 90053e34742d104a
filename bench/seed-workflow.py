# The Podhoc seed's "Python – complete workflow", unchanged but for BASE, API_KEY and the article URL.
import os  # added: read BASE and API_KEY from the environment
import requests
import time
API_KEY = os.environ["API_KEY"]  # changed from the seed: the key
BASE = os.environ["BASE"]  # changed from the seed: the base URL
HEADERS = {"X-Api-Key": API_KEY, "Content-Type": "application/json"}
# Step 1: Create a podcast
resp = requests.post(f"{BASE}/podcasts", headers=HEADERS, json={
"urls": [os.environ.get("ARTICLE", "https://example.com/article")],
"language": "en-US",
"target_duration_minutes": 10,
"style": "conversational",
})
podcast_id = resp.json()["data"]["podcast_id"]
print(f"Created podcast: {podcast_id}")
# Step 2: Poll until complete
while True:
    status_resp = requests.get(
        f"{BASE}/podcasts/{podcast_id}/status",
    headers={"X-Api-Key": API_KEY},
    )
    data = status_resp.json()["data"]
    print(f"Status: {data['status']} ({data['progress']}%)")
    if data["status"] == "completed":
        break
    if data["status"] == "failed":
        raise Exception("Generation failed")
    time.sleep(10)
# Step 3: Download
dl_resp = requests.get(
f"{BASE}/podcasts/{podcast_id}/download",
headers={"X-Api-Key": API_KEY},
)
download_url = dl_resp.json()["data"]["download_url"]
audio = requests.get(download_url)
with open("podcast.mp3", "wb") as f:
    f.write(audio.content)
print("Downloaded podcast.mp3")
