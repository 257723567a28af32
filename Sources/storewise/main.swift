print("storewise")
