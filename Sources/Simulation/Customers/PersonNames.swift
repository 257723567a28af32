/// Names and streets the simulated people and addresses are drawn from.
enum PersonNames {
    static let first = [
        "Olivia", "Liam", "Emma", "Noah", "Ava", "Elijah", "Sophia", "James", "Isabella", "Lucas",
        "Mia", "Mateo", "Amelia", "Benjamin", "Harper", "Theo", "Evelyn", "Henry", "Abigail", "Levi",
        "Priya", "Arjun", "Mei", "Wei", "Yuki", "Hiro", "Fatima", "Omar", "Aisha", "Yusuf",
        "Sofia", "Diego", "Camila", "Santiago", "Valentina", "Luis", "Chloe", "Jack", "Grace", "Owen",
        "Zoe", "Leo", "Nora", "Ezra", "Hannah", "Samuel", "Layla", "David", "Ruth", "Kwame",
        "Ama", "Chidi", "Ngozi", "Ingrid", "Lars", "Anya", "Dmitri", "Rosa", "Marco", "Giulia",
    ]
    static let last = [
        "Smith", "Johnson", "Williams", "Brown", "Jones", "Garcia", "Miller", "Davis", "Rodriguez", "Martinez",
        "Hernandez", "Lopez", "Gonzalez", "Wilson", "Anderson", "Thomas", "Taylor", "Moore", "Jackson", "Martin",
        "Lee", "Perez", "Thompson", "White", "Harris", "Sanchez", "Clark", "Ramirez", "Lewis", "Robinson",
        "Walker", "Young", "Allen", "King", "Wright", "Scott", "Torres", "Nguyen", "Hill", "Flores",
        "Patel", "Shah", "Chen", "Wang", "Kim", "Park", "Tanaka", "Sato", "Okafor", "Mensah",
        "Cohen", "Levy", "Novak", "Kowalski", "Rossi", "Bianchi", "Muller", "Schmidt", "Dubois", "Silva",
    ]
    static let streets = [
        "Atlantic Ave", "Bedford Ave", "Court St", "Elm St", "Franklin Ave", "Grand St", "Hudson St",
        "Maple Ave", "Main St", "Oak St", "Park Pl", "Pine St", "Prospect Pl", "River Rd", "Smith St",
        "Union St", "Vernon Blvd", "Washington Ave", "Willow St", "2nd Ave",
    ]
    static let emailDomains = ["example.com", "example.net", "example.org"]
}
