print("not yet: the example reader arrives with its issue")
