print("fc")
