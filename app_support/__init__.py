"""The Streamlit app's support code: page state, view helpers, upload checks, the runtime and the Explore body."""
