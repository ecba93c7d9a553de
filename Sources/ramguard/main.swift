print("ramguard")
